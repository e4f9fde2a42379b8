package gov.petition.engine.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.dto.externaltask.CompleteExternalTaskDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.engine.rest.util.ProvidersUtil;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * {@code POST /engine-rest/petition/external-task/{id}/complete}: Camunda's external-task completion
 * (same body, same 400 and 404), answering whether the step it ran touched any user task.
 *
 * The API's task index reads a petition's open tasks after every step a worker completes. Most steps
 * run the process on to the next service task without creating, completing or re-offering a user
 * task (registration runs the routing decision and stops at the routing step), and that read found
 * nothing to change. The engine knows what the step did: every task and task identity link it
 * created, changed or deleted is in the command's entity cache until the commit. None there: the
 * open tasks are as they were, and the index is left alone. Loaded but unchanged counts as touched,
 * erring towards one read too many.
 */
@Path("/petition/external-task/{id}/complete")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExternalTaskCompletionResource {
  @Context
  private Providers providers;

  /** The answer: {@code {"userTasksTouched": true|false}}. */
  public record Completion(boolean userTasksTouched) {}

  @POST
  public Completion complete(@PathParam("id") String externalTaskId, CompleteExternalTaskDto dto) {
    if (dto == null) throw new RestException(Status.BAD_REQUEST, "A body with the workerId is required");
    ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
    ObjectMapper objectMapper = ProvidersUtil.resolveFromContext(providers, ObjectMapper.class);
    VariableMap variables = VariableValueDto.toMap(dto.getVariables(), engine, objectMapper);
    VariableMap localVariables = VariableValueDto.toMap(dto.getLocalVariables(), engine, objectMapper);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try {
      // The service call joins this command, so its changes are still in this command's cache here.
      return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
        engine.getExternalTaskService().complete(externalTaskId, dto.getWorkerId(), variables, localVariables);
        return new Completion(touchedUserTasks(commandContext));
      });
    } catch (NotFoundException e) {
      throw new RestException(Status.NOT_FOUND, e, "External task with id " + externalTaskId + " does not exist");
    } catch (BadUserRequestException e) {
      throw new RestException(Status.BAD_REQUEST, e, e.getMessage());
    }
  }

  private static boolean touchedUserTasks(CommandContext commandContext) {
    DbEntityManager entities = commandContext.getDbEntityManager();
    if (!entities.getCachedEntitiesByType(TaskEntity.class).isEmpty()) return true;
    for (IdentityLinkEntity link : entities.getCachedEntitiesByType(IdentityLinkEntity.class)) {
      if (link.getTaskId() != null) return true;
    }
    return false;
  }
}
