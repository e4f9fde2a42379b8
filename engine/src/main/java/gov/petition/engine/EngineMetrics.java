package gov.petition.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job executor's work, next to what Micrometer already reports (JVM, the Hikari pool, Tomcat and
 * the job executor's thread pool, {@code executor_*{name="camundaTaskExecutor"}}): jobs due now and jobs whose
 * retries ran out, read from the engine's database when /actuator/prometheus is scraped (on the
 * management port only; see application.yaml). A count that cannot be read (database down) is NaN.
 */
@Configuration(proxyBeanMethods = false)
public class EngineMetrics {

  @Bean
  MeterBinder camundaJobMetrics(ManagementService managementService) {
    return registry -> {
      Gauge.builder("camunda.jobs.executable", managementService, service -> service.createJobQuery().executable().count())
          .description("Jobs (timers, asynchronous continuations) due now with retries left: the job executor's backlog")
          .register(registry);
      Gauge.builder("camunda.jobs.failed", managementService, service -> service.createJobQuery().noRetriesLeft().count())
          .description("Jobs whose retries ran out; each waits as an incident")
          .register(registry);
    };
  }
}
