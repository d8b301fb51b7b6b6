/**
 * Not API: the stub's implementation on WireMock and Jetty: the signature check filter, the routes
 * and their data, the admin routes, the clock, the bounded record and the HTTP server limits. Only
 * {@code dev.itk.stub} may use it; it may change in any release.
 */
package dev.itk.stub.internal;
