/**
 * The staff workspace: sign-in, the people's task API ({@code /api/tasks}) and the browser pages
 * ({@code /login}, {@code /tasks}, {@code /tasks/{userTaskKey}}), on top of {@code application}
 * (case file, users) and {@code process} (forms). Engine access only through the Camunda client, so
 * the same on the embedded engine and on a cluster; the browser never talks to {@code /v2}.
 */
package cn.computeloan.workspace;
