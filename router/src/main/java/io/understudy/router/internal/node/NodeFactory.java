package io.understudy.router.internal.node;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.understudy.router.PoolSettings;
import io.understudy.router.RouterConfig;
import java.util.Map;

/** Makes a node and its HikariCP pool from the router's configuration. */
public final class NodeFactory {

  private final RouterConfig config;

  public NodeFactory(RouterConfig config) {
    this.config = config;
  }

  public Node create(String url, NodeRole role, int weight) {
    NodeAddress address = NodeAddress.of(url);
    PoolSettings settings = role == NodeRole.PRIMARY ? config.primaryPool() : config.replicaPool();
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(config.name() + "-" + address.name());
    hikari.setJdbcUrl(url);
    hikari.setUsername(config.username());
    hikari.setPassword(config.password().reveal());
    hikari.setMaximumPoolSize(settings.maximumPoolSize());
    hikari.setMinimumIdle(settings.minimumIdle());
    hikari.setConnectionTimeout(settings.connectionTimeout().toMillis());
    hikari.setValidationTimeout(settings.validationTimeout().toMillis());
    hikari.setIdleTimeout(settings.idleTimeout().toMillis());
    hikari.setMaxLifetime(settings.maxLifetime().toMillis());
    hikari.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
    // A node that is down when the application starts must not stop it from starting: the router
    // ejects it and the health thread brings it back.
    hikari.setInitializationFailTimeout(-1);
    for (Map.Entry<String, String> property : config.connectionProperties().entrySet()) {
      hikari.addDataSourceProperty(property.getKey(), property.getValue());
    }
    return new Node(address, address.name(), role, weight, new HikariDataSource(hikari));
  }
}
