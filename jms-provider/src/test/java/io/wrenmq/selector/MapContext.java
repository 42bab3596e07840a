package io.wrenmq.selector;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** A message for tests: properties and header fields in maps. */
final class MapContext implements SelectorContext {
    private final Map<String, Object> properties = new HashMap<>();
    private final Map<HeaderField, Object> headers = new EnumMap<>(HeaderField.class);

    /** A message with the given properties, as name, value, name, value ... (a null value leaves it absent). */
    static MapContext of(Object... namesAndValues) {
        MapContext c = new MapContext();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                c.properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return c;
    }

    MapContext header(HeaderField field, Object value) {
        headers.put(field, value);
        return this;
    }

    @Override
    public Object header(HeaderField field) {
        return headers.get(field);
    }

    @Override
    public Object property(String name) {
        return properties.get(name);
    }
}
