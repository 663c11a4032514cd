package io.understudy.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives one test method of a {@link ClusterTest} class a cluster of its own, started before the
 * method and stopped after it, so that the faults it injects reach no other test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FreshCluster {

  /** Number of nodes; 0 means as many as the class's {@link ClusterTest#nodes()}. */
  int nodes() default 0;
}
