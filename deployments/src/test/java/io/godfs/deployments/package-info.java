/**
 * Checks of the deployment recipes: manifests, the Helm chart, and the container cluster suite
 * (*IT).
 */
package io.godfs.deployments;
