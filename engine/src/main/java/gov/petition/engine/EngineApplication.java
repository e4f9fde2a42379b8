package gov.petition.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterConfig;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Camunda Platform 7 engine runner: process engine + REST API at /engine-rest, protected by HTTP Basic
 * (the service account checked by the engine itself, any other user against the identity service).
 * All configuration comes from environment variables (see application.yaml).
 */
@SpringBootApplication
public class EngineApplication {
  /** How long the service account's groups and tenants are taken as read (see AuthenticateEverythingFilter). */
  static final Duration MEMBERSHIP_TTL = Duration.ofSeconds(30);

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(EngineApplication.class);
    app.addListeners(new DatasourceUrlCheck(), new ServiceAccountCheck());
    app.run(args);
  }

  /**
   * Camunda's own authentication filter with HTTP Basic on every REST resource. Requests without valid
   * credentials get 401. The service account is verified from configuration so that wrong passwords can never
   * lock it (see {@link ServiceAccountAuthenticationProvider}).
   */
  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> processEngineAuthenticationFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
      @Value("${camunda.bpm.admin-user.id}") String serviceUserId,
      @Value("${camunda.bpm.admin-user.password}") String servicePassword) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new AuthenticateEverythingFilter(new ServiceAccountAuthenticationProvider(serviceUserId, servicePassword), serviceUserId));
    registration.setName("camunda-auth");
    String base = restPath.endsWith("/") ? restPath.substring(0, restPath.length() - 1) : restPath;
    if (!base.startsWith("/")) {
      base = "/" + base;
    }
    registration.addUrlPatterns(base + "/*");
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * Camunda's filter lets {@code GET /engine} (the list of engine names) through unauthenticated;
   * this variant authenticates that request too (against the default engine), so nothing under
   * /engine-rest answers without valid credentials. It takes its provider as an instance (Camunda's
   * filter would instantiate a class by name, which cannot carry the configured service account).
   */
  static final class AuthenticateEverythingFilter extends ProcessEngineAuthenticationFilter {
    private final AuthenticationProvider provider;
    private final String serviceUserId;
    private final MembershipCache serviceAccountGroups = new MembershipCache(MEMBERSHIP_TTL);
    private final MembershipCache serviceAccountTenants = new MembershipCache(MEMBERSHIP_TTL);

    AuthenticateEverythingFilter(AuthenticationProvider provider, String serviceUserId) {
      this.provider = provider;
      this.serviceUserId = serviceUserId;
    }

    /*
     * Camunda's filter asks the identity service for the caller's groups and tenants on every request:
     * two queries per REST call, and the API and workers make about a dozen calls per petition, all as the
     * service account. Its memberships change only when an administrator edits them, so they are read
     * at most once per MEMBERSHIP_TTL; people's memberships are still read on every request.
     */
    @Override
    protected List<String> getGroupsOfUser(ProcessEngine engine, String userId) {
      if (!serviceUserId.equals(userId)) return super.getGroupsOfUser(engine, userId);
      return serviceAccountGroups.get(engine.getName(), () -> super.getGroupsOfUser(engine, userId));
    }

    @Override
    protected List<String> getTenantsOfUser(ProcessEngine engine, String userId) {
      if (!serviceUserId.equals(userId)) return super.getTenantsOfUser(engine, userId);
      return serviceAccountTenants.get(engine.getName(), () -> super.getTenantsOfUser(engine, userId));
    }

    @Override
    public void init(FilterConfig filterConfig) {
      authenticationProvider = provider;
      servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
    }

    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
      return true;
    }
  }

  /**
   * Expressions in deployed diagrams resolve process variables only, never Spring beans. By default the
   * Spring integration lets {@code ${anyBeanName}} reach every bean of the application context (the data
   * source, {@code systemEnvironment} with the engine's secrets, …); our diagrams use none, and a process
   * administrator's deployment must not reach the host through them. The API checks deployments as well
   * (src/camunda/deployment-guard); this is the engine's own line.
   */
  @Bean
  public ProcessEnginePlugin noBeansInExpressions() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> none = new HashMap<>();
        configuration.setBeans(none);
        configuration.setExpressionManager(new JuelExpressionManager(none));
      }
    };
  }

  /** Makes {@link PetitionHistoryLevel} selectable by name (camunda.bpm.history-level). */
  @Bean
  public ProcessEnginePlugin petitionHistoryLevel() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) custom.addAll(configuration.getCustomHistoryLevels());
        custom.add(new PetitionHistoryLevel());
        configuration.setCustomHistoryLevels(custom);
      }
    };
  }

  /**
   * Names this node in the engine's job log (ACT_HI_JOB_LOG.HOSTNAME_) and metrics when ENGINE_NODE_NAME is
   * set: nodes on one host would otherwise all be "<ip>$default", and which node ran a timer could not be told.
   */
  @Bean
  public ProcessEnginePlugin nodeName(@Value("${ENGINE_NODE_NAME:}") String nodeName) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!nodeName.isBlank()) configuration.setHostname(nodeName.strip());
      }
    };
  }

  /**
   * Checks and completes the datasource settings before anything is created.
   * <ul>
   * <li>MySQL (Connector/J): fails fast when the URL lacks sendFractionalSeconds=false, which Camunda
   * requires on MySQL (otherwise timestamps get rounded and optimistic locking breaks).</li>
   * <li>MariaDB (MariaDB Connector/J): the driver reports the product name "MariaDB", which Camunda 7.24
   * cannot map to a database type ("couldn't deduct database type from database product name 'MariaDB'");
   * Camunda runs MariaDB with its "mysql" dialect, so that type is set unless configured explicitly.</li>
   * <li>Both: Camunda looks for its tables through JDBC metadata with a null catalog, which both drivers
   * by default treat as "every database on the server". If any other database on the same server holds
   * Camunda tables, an empty database is taken for an existing schema, no tables are created and startup
   * fails ("Table 'x.ACT_GE_PROPERTY' doesn't exist"). The driver property nullDatabaseMeansCurrent=true
   * restricts the lookup to the database of the URL; it is added unless the URL sets it itself.</li>
   * </ul>
   */
  static final class DatasourceUrlCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    static final String DATABASE_TYPE_PROPERTY = "camunda.bpm.database.type";
    static final String DRIVER_PROPERTY_PREFIX = "spring.datasource.hikari.data-source-properties";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      ConfigurableEnvironment env = event.getEnvironment();
      String url = env.getProperty("spring.datasource.url", "");
      String lower = url.toLowerCase(Locale.ROOT).replace(" ", "");
      boolean mysql = lower.startsWith("jdbc:mysql:");
      boolean mariadb = lower.startsWith("jdbc:mariadb:");
      if (mysql && !lower.contains("sendfractionalseconds=false")) {
        throw new IllegalStateException("ENGINE_DB_URL '" + url + "' is a MySQL URL without "
            + "'sendFractionalSeconds=false'. Camunda requires this flag on MySQL: add it to the URL, e.g. "
            + "jdbc:mysql://host:3306/db?sendFractionalSeconds=false");
      }
      Map<String, Object> defaults = new HashMap<>();
      if (mariadb && !env.containsProperty(DATABASE_TYPE_PROPERTY)) {
        defaults.put(DATABASE_TYPE_PROPERTY, "mysql");
      }
      if ((mysql || mariadb) && !lower.contains("nulldatabasemeanscurrent")
          && !lower.contains("nullcatalogmeanscurrent")) {
        defaults.put(DRIVER_PROPERTY_PREFIX + "[nullDatabaseMeansCurrent]", "true");
      }
      if (!defaults.isEmpty()) {
        env.getPropertySources().addLast(new MapPropertySource("petitionEngineDatasourceDefaults", defaults));
      }
    }
  }
}
