// Starts the backend in the invoking Maven JVM (it outlives the forked build): /health answers 200, /api/orders
// 503 (its database is unreachable), /api/flaky 503 then 200. Writes the test classpath's authenticity.yaml with
// its port.
import com.sun.net.httpserver.HttpServer

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def answer = { exchange, int status, String body ->
  byte[] bytes = body.getBytes('UTF-8')
  exchange.sendResponseHeaders(status, bytes.length)
  exchange.responseBody.withStream { it.write(bytes) }
}
def flaky = new java.util.concurrent.atomic.AtomicInteger()
server.createContext('/health') { answer(it, 200, '{"status":"UP"}') }
server.createContext('/api/orders') { answer(it, 503, 'database unreachable') }
server.createContext('/api/flaky') { answer(it, flaky.getAndIncrement() % 2 == 0 ? 503 : 200, '[1,2]') }
server.start()
def resources = new File(basedir, 'src/test/resources')
resources.mkdirs()
new File(resources, 'authenticity.yaml').text = """\
environment: local
environments:
  local:
    services:
      backend:  { probe: http, url: "http://127.0.0.1:${server.address.port}/health", timeout: 10s }
      postgres: { probe: postgres, host: 127.0.0.1, port: 5432, timeout: 10s }
      redis:    { probe: redis, host: 127.0.0.1, port: 6379, timeout: 10s }
"""
return true
