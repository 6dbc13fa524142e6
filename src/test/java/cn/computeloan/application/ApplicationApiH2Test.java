package cn.computeloan.application;

/** The application API on the embedded default database, H2 in PostgreSQL mode. */
class ApplicationApiH2Test extends ApplicationApiTestBase {}
