package io.portalgo.it.clients;

import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * dnsjava, unchanged, asking a resolver at {@code 127.0.0.1:<port>} for {@code count} A records
 * over UDP; run with {@code -Ddnsjava.udp.ephemeral.use_ephemeral_port=true} so each query's
 * source port is the system's (here portalgo's) choice rather than dnsjava's own. Prints
 * {@code RESULT name=.. answer=..} per query.
 */
public final class DnsjavaApp {
    private DnsjavaApp() {
    }

    public static void main(String[] args) throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(Integer.parseInt(args[0]));
        resolver.setTimeout(Duration.ofSeconds(10));
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            Name name = Name.fromString("host" + i + ".example.");
            Message answer = resolver.send(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)));
            System.out.println("RESULT name=" + name + " answer=" + answer.getSection(Section.ANSWER).get(0).rdataToString());
        }
    }
}
