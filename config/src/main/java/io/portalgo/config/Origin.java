package io.portalgo.config;

import java.util.Objects;

/**
 * Where one value came from, as error messages name it: {@code system property},
 * {@code environment variable PORTALGO_RANGE}, {@code properties file /etc/portalgo.properties},
 * {@code default from /proc/sys/net/ipv4/ip_local_port_range}.
 */
public final class Origin {
    private final Source source;
    private final String detail;

    private Origin(Source source, String detail) {
        this.source = Objects.requireNonNull(source);
        this.detail = detail;
    }

    public static Origin of(Source source) {
        return new Origin(source, null);
    }

    static Origin environmentVariable(String name) {
        return new Origin(Source.ENVIRONMENT, name);
    }

    static Origin file(String path) {
        return new Origin(Source.FILE, path);
    }

    static Origin defaultFrom(String path) {
        return new Origin(Source.DEFAULT, "from " + path);
    }

    public Source source() {
        return source;
    }

    @Override
    public String toString() {
        return detail == null ? source.description() : source.description() + " " + Echo.of(detail);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Origin && ((Origin) other).source == source && Objects.equals(((Origin) other).detail, detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, detail);
    }
}
