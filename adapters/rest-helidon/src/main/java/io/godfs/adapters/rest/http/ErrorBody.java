package io.godfs.adapters.rest.http;

/** The JSON body of every error: {@code {"error","code","request_id"}}. */
public record ErrorBody(String error, String code, String requestId) {}
