package dev.streamviews.it;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.infra.cluster.LocalCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives a test the run's {@link Pipeline}, started on first use on the run's local cluster and stopped at the end. */
final class PipelineExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PipelineExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Pipeline.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalCluster cluster = LocalClusterExtension.cluster(context); // first, so it is closed after the pipeline
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("pipeline", key -> Pipeline.start(cluster), Pipeline.class);
  }
}
