package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.BindFailures;

/**
 * The strerror texts of EADDRINUSE and EADDRNOTAVAIL without a probe where the C library can
 * only speak English: its messages follow {@code LC_ALL}, else {@code LC_MESSAGES}, else
 * {@code LANG}, and a locale that is unset, {@code C}, {@code POSIX} or English has no
 * translation. Only another language needs {@link BindFailures#probe()}, whose three datagram
 * sockets initialise the JDK's NIO stack before {@code main} (about 100 classes).
 */
final class FailureTexts {
    private FailureTexts() {
    }

    static BindFailures forThisProcess() {
        if (speaksEnglish(messagesLocale(System.getenv("LC_ALL"), System.getenv("LC_MESSAGES"), System.getenv("LANG")))) {
            return new BindFailures(BindFailures.ENGLISH_ADDRESS_IN_USE, BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE);
        }
        return BindFailures.probe();
    }

    /** The locale of messages as glibc picks it: the first of the three that is set and not empty. */
    static String messagesLocale(String lcAll, String lcMessages, String lang) {
        if (lcAll != null && !lcAll.isEmpty()) {
            return lcAll;
        }
        if (lcMessages != null && !lcMessages.isEmpty()) {
            return lcMessages;
        }
        return lang;
    }

    static boolean speaksEnglish(String locale) {
        return locale == null || locale.isEmpty() || locale.equals("C") || locale.startsWith("C.")
                || locale.equals("POSIX") || locale.startsWith("en_") || locale.equals("en");
    }
}
