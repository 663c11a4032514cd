package io.understudy.examples.spring;

import io.understudy.router.ReplicatedDataSource;
import io.understudy.router.RouterConfig;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Spring (no Boot) over a {@link ReplicatedDataSource}: the usual {@code DataSource}, {@code
 * JdbcTemplate} and {@code DataSourceTransactionManager}, nothing router-specific beyond the data
 * source itself. The application provides a {@link RouterConfig} bean, for example {@code
 * RouterConfig.fromProperties(properties)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
@Import(InventoryService.class)
public class RouterSpringConfig {

  /**
   * The router, closed with the context: its pools and its health thread live as long as the
   * application. Declared as {@code ReplicatedDataSource} so that {@code stats()} can be injected
   * too; Spring still finds it wherever a {@code DataSource} is wanted.
   */
  @Bean(destroyMethod = "close")
  public ReplicatedDataSource dataSource(RouterConfig routerConfig) {
    return new ReplicatedDataSource(routerConfig);
  }

  /**
   * Outside a transaction each call takes a logical connection of its own, so queries spread over
   * the replicas and updates go to the primary, statement by statement.
   */
  @Bean
  public JdbcTemplate jdbcTemplate(DataSource dataSource) {
    return new JdbcTemplate(dataSource);
  }

  /**
   * The plain JDBC transaction manager: for {@code readOnly = true} it calls {@code
   * setReadOnly(true)} before {@code setAutoCommit(false)}, which is what sends the transaction to
   * one replica. Leave {@code enforceReadOnly} off: Connector/J refuses the {@code SET TRANSACTION
   * READ ONLY} it sends on a read-only connection, and the router already makes the replica's
   * transaction read-only.
   */
  @Bean
  public DataSourceTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }
}
