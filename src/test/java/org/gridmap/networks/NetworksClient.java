package org.gridmap.networks;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestServer;

/** A test server's HTTP and database, as the networks' tests use them. */
final class NetworksClient extends ServerCalls {
    NetworksClient(TestServer server) { super(server); }

    JsonNode get(String path) throws Exception { return expect(200, "GET", path, null, null); }
}
