package io.godfs.adapters.rest.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose every socket and engine gets the given parameters (versions, client
 * certificate required or not). Helidon 4.5's blocking-socket listener, which the gateway uses,
 * makes its TLS sockets from the context's socket factory and never applies the parameters of its
 * own TLS configuration: without this, a client certificate was never asked for and TLS 1.2's floor
 * not held (found by GatewayHttpsTest). Its engine-based listener applies them; both are covered.
 */
public final class EnforcedTlsParameters {
  private EnforcedTlsParameters() {}

  /** {@code context}, handing out sockets and engines with {@code parameters}. */
  public static SSLContext of(SSLContext context, SSLParameters parameters) {
    return new SSLContext(new Spi(context, parameters), context.getProvider(), "TLS") {};
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext context;
    private final SSLParameters parameters;

    Spi(SSLContext context, SSLParameters parameters) {
      this.context = context;
      this.parameters = parameters;
    }

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new Sockets(context.getSocketFactory(), parameters);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return context.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      SSLEngine engine = context.createSSLEngine();
      engine.setSSLParameters(parameters);
      return engine;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      SSLEngine engine = context.createSSLEngine(host, port);
      engine.setSSLParameters(parameters);
      return engine;
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return context.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return context.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return context.getSupportedSSLParameters();
    }
  }

  private static final class Sockets extends SSLSocketFactory {
    private final SSLSocketFactory factory;
    private final SSLParameters parameters;

    Sockets(SSLSocketFactory factory, SSLParameters parameters) {
      this.factory = factory;
      this.parameters = parameters;
    }

    private Socket applied(Socket socket) {
      ((SSLSocket) socket).setSSLParameters(parameters);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return factory.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return factory.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
        throws IOException {
      return applied(factory.createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return applied(factory.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return applied(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return applied(factory.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return applied(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return applied(factory.createSocket(host, port, local, localPort));
    }
  }
}
