package org.gridmap.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format}: {@code text} (a line a person reads, logback.xml's pattern) or {@code json} (one JSON object a
 * line, for a log collector: timestamp, level, thread, logger, the formatted message, MDC, key-values and any
 * throwable — logback's own JsonEncoder). Chosen at start from the configuration, which is read after logback
 * configured itself, so the console appenders get their encoder swapped here.
 */
public final class LogFormat {
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    private LogFormat() { }

    public static void apply(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
                Encoder<ILoggingEvent> encoder = format.equals("json") ? json(context) : text(context);
                out.stop();
                out.setEncoder(encoder);
                out.start();
            }
        }
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(context);
        // the message as a reader sees it, not its template and arguments; no per-line counters a collector adds itself
        e.setWithFormattedMessage(true);
        e.setWithMessage(false);
        e.setWithArguments(false);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(TEXT_PATTERN);
        e.start();
        return e;
    }
}
