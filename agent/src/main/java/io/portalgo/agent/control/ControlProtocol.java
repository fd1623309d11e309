package io.portalgo.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * What the CLI and a running agent say over {@link ControlSocket}: one request and one answer per
 * connection, both Java-serialised with a filter that admits nothing but the JMX open types the
 * MBean speaks. A request is {@code {"attribute", name}} or {@code {"invoke", operation, argument}},
 * the MBean's own attribute and operation names; an answer is {@code {OK, value}},
 * {@code {REFUSED, message}} (a change the settings refused: nothing changed) or
 * {@code {FAILED, text}}.
 */
public final class ControlProtocol {
    /** The agent property (as {@code jcmd VM.system_properties} shows system ones) that holds the socket's path. */
    public static final String ADDRESS_PROPERTY = "io.portalgo.control.address";
    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";
    private static final String ADMITTED = "maxdepth=12;maxarray=100000;java.lang.*;java.util.*;"
            + "javax.management.openmbean.*;!*";

    private ControlProtocol() {
    }

    public static void write(OutputStream out, Object[] message) throws IOException {
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(message);
        objects.flush();
    }

    /** Reads one message; anything but the admitted types is refused before it is built. */
    public static Object[] read(InputStream in) throws IOException {
        ObjectInputStream objects = new ObjectInputStream(in);
        objects.setObjectInputFilter(ObjectInputFilter.Config.createFilter(ADMITTED));
        try {
            Object message = objects.readObject();
            if (!(message instanceof Object[])) {
                throw new IOException("not a portalgo control message");
            }
            return (Object[]) message;
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not a portalgo control message: " + e, e);
        }
    }
}
