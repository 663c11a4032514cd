package io.understudy.testkit.junit;

import io.understudy.testkit.Cluster;
import io.understudy.testkit.ClusterNode;
import io.understudy.testkit.ClusterOptions;
import io.understudy.testkit.Clusters;
import io.understudy.testkit.ContainerCluster;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JUnit 5 extension behind {@link ClusterTest}. */
public final class ClusterExtension implements BeforeEachCallback, ParameterResolver {

  private static final Logger log = LoggerFactory.getLogger(ClusterExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterExtension.class);
  private static final String CLUSTER = "cluster";
  // Stores see their parents' values, so a method's own cluster needs a key of its own.
  private static final String FRESH_CLUSTER = "fresh-cluster";
  private static final String SCHEMA = "schema";

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionContext.Store shared = classContext(context).getStore(NAMESPACE);
    Cluster cluster = shared.get(CLUSTER, Cluster.class);
    if (cluster != null && isBroken(cluster)) {
      log.info("A previous test left {} with a dead or paused node: starting a new one", cluster);
      shared.remove(CLUSTER);
      cluster.close();
    }
    // Start the test's cluster here rather than while resolving its parameters: JUnit reports an
    // abort (no Docker engine) thrown by a parameter resolver as an error, but one thrown by a
    // callback as a skipped test.
    clusterFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cluster.class || type == TestSchema.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Cluster.class) {
      return clusterFor(context);
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "A TestSchema belongs to one test method: declare it on the test method, not on "
              + parameter.getDeclaringExecutable().getName());
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SCHEMA,
            key -> SchemaLifecycle.create(clusterFor(context), context),
            SchemaLifecycle.class)
        .schema();
  }

  private static Cluster clusterFor(ExtensionContext context) {
    Optional<FreshCluster> fresh =
        context
            .getTestMethod()
            .flatMap(m -> AnnotationSupport.findAnnotation(m, FreshCluster.class));
    int classNodes = nodesOf(context);
    if (fresh.isPresent()) {
      int nodes = fresh.get().nodes() > 0 ? fresh.get().nodes() : classNodes;
      return context
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(FRESH_CLUSTER, key -> start(nodes), Cluster.class);
    }
    return classContext(context)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(CLUSTER, key -> start(classNodes), Cluster.class);
  }

  private static Cluster start(int nodes) {
    ClusterOptions options = ClusterOptions.fromSystemProperties(nodes);
    try {
      return Clusters.start(options);
    } catch (ContainerCluster.DockerUnavailableException e) {
      Assumptions.abort(e.getMessage());
      throw e;
    }
  }

  private static int nodesOf(ExtensionContext context) {
    return context
        .getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, ClusterTest.class))
        .map(ClusterTest::nodes)
        .orElse(3);
  }

  /** The context of the test class, where the shared cluster lives. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static boolean isBroken(Cluster cluster) {
    for (ClusterNode node : cluster.nodes()) {
      if (!node.isAlive() || node.isPaused()) {
        return true;
      }
    }
    return false;
  }

  static String methodName(ExtensionContext context) {
    return context.getTestMethod().map(Method::getName).orElse("test");
  }
}
