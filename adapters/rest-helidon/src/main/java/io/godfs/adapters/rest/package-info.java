/** REST gateway: goDFS's HTTP /v1 API on Helidon SE, driving the client in-ports. */
package io.godfs.adapters.rest;
