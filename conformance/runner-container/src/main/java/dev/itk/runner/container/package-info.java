/**
 * The {@code container} runner: builds each sample's image from its {@code Dockerfile} with the
 * engine Testcontainers finds, and runs its adapter in a container speaking the runner protocol
 * over a loopback bridge ({@code docs/containers.md}). Found by {@code RunnerFactory} through
 * {@code ServiceLoader}; this module is the only one of the kit that needs Testcontainers.
 */
package dev.itk.runner.container;
