package io.wrenmq.protocol.codec;

/**
 * What {@link FrameDecoder} passes up the pipeline instead of a frame when the input is not a valid frame. Once it
 * has emitted one, the decoder discards everything else the peer sends; the handler answers with an error and
 * closes the connection.
 *
 * @param reason says what was wrong, for the error frame and the broker's log
 */
public record DecodeFailure(String reason) {
}
