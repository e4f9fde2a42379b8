package gov.petition.engine.rest;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST resources and the product's own, under one application path and one authentication filter. */
@Component
public class PetitionRestConfig extends CamundaJerseyResourceConfig {
  @Override
  protected void registerAdditionalResources() {
    register(OpenTasksResource.class);
    register(ExternalTaskCompletionResource.class);
  }
}
