package narrator.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Supplier;
import narrator.app.jobs.JobEvents;
import narrator.app.jobs.JobStore;
import narrator.app.storage.DiskSpace;
import narrator.app.webhooks.DeliveryOutcomes;

/**
 * The node's Prometheus metrics ({@code GET /metrics}): jobs and their stages from the scheduler's
 * events, webhook attempts from the dispatcher, the queue from the database (cached), and memory,
 * CPU, GC and free disk read when scraped.
 */
public final class Metrics implements AutoCloseable {
    /** Prometheus' text format, version 0.0.4, which every scraper reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JobMetrics jobs = new JobMetrics(registry);
    private final WebhookMetrics webhooks = new WebhookMetrics(registry);

    public Metrics(JobStore store, DiskSpace disk, Clock clock) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new QueueGauges(store, clock).bindTo(registry);
        bytes(registry, "narrator.process.resident.memory", "Resident set size of this process",
                MemoryReadings::rssBytes);
        bytes(registry, "narrator.system.memory.available", "Memory the kernel reports available (MemAvailable)",
                MemoryReadings::systemAvailableBytes);
        Gauge.builder("narrator.disk.free", disk, d -> d.read().freeBytes()).baseUnit("bytes")
                .description("Free space in DATA_DIR").strongReference(true).register(registry);
        Gauge.builder("narrator.disk.min.free", disk, d -> d.read().minFreeBytes()).baseUnit("bytes")
                .description("MIN_FREE_DISK_MB: below it new jobs are refused and /health answers 503")
                .strongReference(true).register(registry);
    }

    private static void bytes(MeterRegistry registry, String name, String description, Supplier<OptionalLong> reading) {
        Gauge.builder(name, reading, r -> {
            OptionalLong value = r.get();
            return value.isPresent() ? value.getAsLong() : Double.NaN;
        }).baseUnit("bytes").description(description).strongReference(true).register(registry);
    }

    /** Listens to the scheduler: counts jobs and times stages. */
    public JobEvents jobEvents() {
        return jobs;
    }

    /** Listens to the webhook dispatcher. */
    public DeliveryOutcomes deliveryOutcomes() {
        return webhooks;
    }

    /** Every metric in Prometheus' text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
