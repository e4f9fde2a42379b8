package gov.petition.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with the published development password ("demo", or none) where others could use it:
 * in production ({@code ENGINE_ENV=production}, which the container image sets) or when the engine listens on
 * an address other than loopback. The service account's password is checked by the engine itself
 * ({@link ServiceAccountAuthenticationProvider}) and is never locked, so it must not be guessable.
 */
final class ServiceAccountCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  static final String PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
  static final String USER_PROPERTY = "camunda.bpm.admin-user.id";
  static final Set<String> DEVELOPMENT_PASSWORDS = Set.of("", "demo");

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment env = event.getEnvironment();
    String password = env.getProperty(PASSWORD_PROPERTY, "");
    String user = env.getProperty(USER_PROPERTY, "");
    boolean production = "production".equals(env.getProperty("ENGINE_ENV", "development").trim().toLowerCase(Locale.ROOT));
    String address = env.getProperty("server.address", "");
    boolean exposed = !isLoopback(address);
    boolean weak = DEVELOPMENT_PASSWORDS.contains(password) || password.equals(user);
    if (weak && (production || exposed)) {
      String where = production ? "ENGINE_ENV=production" : "the engine listens on " + address + ", not on loopback";
      throw new IllegalStateException("ENGINE_PASSWORD is empty, the development password 'demo' or the user name, and "
          + where + ": set ENGINE_PASSWORD (and the same on the API and workers) to a secret of your own, "
          + "e.g. openssl rand -base64 24");
    }
  }

  private static boolean isLoopback(String address) {
    if (address.isBlank()) {
      return false; // no address: Spring Boot listens on every interface
    }
    try {
      return InetAddress.getByName(address.trim()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
