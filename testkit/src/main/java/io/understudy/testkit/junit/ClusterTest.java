package io.understudy.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against one shared cluster: test methods and lifecycle methods get it as a
 * {@link io.understudy.testkit.Cluster} parameter, and a fresh, uniquely named schema as a {@link
 * TestSchema} parameter. A test that needs a cluster of its own (because it kills nodes, promotes
 * replicas, or changes settings) adds {@link FreshCluster}. A shared cluster that a test left with
 * a dead or paused node is replaced before the next test.
 *
 * <p>The kind of cluster comes from {@code -Dunderstudy.cluster} (see {@link
 * io.understudy.testkit.ClusterOptions}); container tests are skipped where no Docker engine runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ClusterExtension.class)
public @interface ClusterTest {

  /** Number of nodes; node 0 starts as the writable primary. */
  int nodes() default 3;
}
