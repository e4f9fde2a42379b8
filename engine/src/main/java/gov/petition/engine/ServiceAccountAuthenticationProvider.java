package gov.petition.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic for /engine-rest in which the service account (ENGINE_USER) is checked against its configured
 * password (ENGINE_PASSWORD) by the engine itself, not by the identity service.
 *
 * <p>Why: {@code IdentityService.checkPassword} throttles failed sign-ins per user id — after each wrong password
 * the user is refused, right password included, for a growing delay, and after {@code loginMaxAttempts} it is
 * locked for good ("ENGINE-27001 The user with id 'demo' is locked"). The API and every worker call the engine
 * as this one account, so anyone who could reach the engine port could take the whole product down with a
 * handful of wrong passwords. The service account is configuration, not a person: a wrong password is simply a
 * 401 and the right one always works. Guessing it is bounded by its strength (production refuses the published
 * development password, see {@link ServiceAccountCheck}) and by the port being reachable from loopback or a
 * private network only.
 *
 * <p>Every other user of the identity service still goes through Camunda's check, throttle included.
 * The password is compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about how much of it, or of its length, was right.
 */
public class ServiceAccountAuthenticationProvider extends HttpBasicAuthenticationProvider {
  private final String serviceUserId;
  private final byte[] servicePasswordDigest;

  public ServiceAccountAuthenticationProvider(String serviceUserId, String servicePassword) {
    if (serviceUserId == null || serviceUserId.isEmpty()) {
      throw new IllegalArgumentException("ENGINE_USER must not be empty");
    }
    this.serviceUserId = serviceUserId;
    this.servicePasswordDigest = sha256(servicePassword == null ? "" : servicePassword);
  }

  @Override
  protected boolean isAuthenticated(ProcessEngine engine, String userName, String password) {
    if (serviceUserId.equals(userName)) {
      return MessageDigest.isEqual(servicePasswordDigest, sha256(password));
    }
    return super.isAuthenticated(engine, userName, password);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
