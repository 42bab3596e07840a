/**
 * The store on a relational database: {@link io.wrenmq.persistence.jdbc.JdbcMessageStore}, configured by
 * {@link io.wrenmq.persistence.jdbc.JdbcStoreConfig}. H2 (an embedded file, the default) and PostgreSQL; every SQL
 * text and every difference between the two is in {@code SqlDialect}.
 */
package io.wrenmq.persistence.jdbc;
