package it.authenticity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The suite's own condition, as Lettuce's: the test runs only when the server knows the command. */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledOnCommand.Condition.class)
public @interface EnabledOnCommand {

  String value();

  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return AnnotationSupport.findAnnotation(context.getElement(), EnabledOnCommand.class)
          .map(command -> ConditionEvaluationResult.disabled("command " + command.value() + " not available"))
          .orElse(ConditionEvaluationResult.enabled("no command required"));
    }
  }
}
