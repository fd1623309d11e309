package io.portalgo.config;

/**
 * How the text of one property becomes a typed value and back. {@link #format} gives the
 * canonical text, which {@link #parse} reads back to an equal value (the round trip that makes
 * {@code withChanges(toMap())} an identity).
 *
 * @param <T> the typed value
 */
interface ValueType<T> {
    /**
     * The value of {@code text}, already trimmed of surrounding blanks.
     *
     * @throws InvalidValue naming what is wrong and what is accepted
     */
    T parse(String text) throws InvalidValue;

    /** The canonical text of {@code value}. */
    String format(T value);

    /** What is accepted, as it ends an error message: {@code expected true or false}. */
    String accepted();

    /** Shorthand for the most common failure: the whole text is wrong, say what is accepted. */
    default InvalidValue rejected(String text) {
        return new InvalidValue(text, accepted());
    }

    /** The whole text is wrong for a reason more precise than {@link #accepted()}, which follows it. */
    default InvalidValue rejected(String text, String why) {
        return new InvalidValue(text, why + "; " + accepted());
    }
}
