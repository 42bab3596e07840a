/**
 * The message selector language of Jakarta Messaging 3.1, section 3.8.1: a hand-written tokenizer and
 * recursive-descent parser that turn a selector string into an immutable expression tree, and its evaluation
 * against a message's header fields and properties.
 *
 * <p>Both ends use it: the client refuses a bad selector with {@link io.wrenmq.selector.Selector#validate} before
 * anything reaches the broker, and the broker evaluates {@link io.wrenmq.selector.Selector#matches} against messages
 * it never decodes, through {@link io.wrenmq.selector.MessageHeadersContext}. Where the specification leaves a
 * choice open, the choice and the sentence that decided it are written on {@link io.wrenmq.selector.Selector}.
 */
package io.wrenmq.selector;
