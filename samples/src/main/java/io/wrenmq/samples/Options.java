package io.wrenmq.samples;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, {@code --name=value} or a bare {@code --flag} (meaning
 * {@code true}). It knows no JMS provider, so that a sample written against the standard API alone can use it.
 *
 * <p>A malformed value fails with {@link IllegalArgumentException} naming the option, which the dispatcher prints
 * as the program's error message.
 */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Options(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --name value)");
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(key, args[++i]);
            } else {
                values.put(key, "true");
            }
        }
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Fails naming the first option that is not in {@code known}: a misspelt option must not be ignored silently. */
    public void rejectUnknown(Collection<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: --"
                        + String.join(", --", known) + ")");
            }
        }
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        long value = getLong(key, fallback);
        if (value != (int) value) {
            throw new IllegalArgumentException("--" + key + " is too large: " + value);
        }
        return (int) value;
    }

    public long getLong(String key, long fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, not '" + raw + "'");
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("--" + key + " must be true or false, not '" + raw + "'");
        };
    }

    /** A byte count with an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024): {@code 1k} is 1024. */
    public int getSize(String key, int fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        int shift = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        try {
            long bytes = Long.parseLong(digits) << shift;
            if (bytes < 0 || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--" + key + " is out of range: " + raw);
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a size such as 100, 1k or 4m, not '" + raw + "'");
        }
    }

    /** A duration: a number with {@code ms}, {@code s}, {@code m} or {@code h}; a bare number means seconds. */
    public Duration getDuration(String key, Duration fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String number = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
            long n = Long.parseLong(number);
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(n);
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a duration such as 500ms, 10s or 2m, not '"
                    + raw + "'");
        }
    }
}
