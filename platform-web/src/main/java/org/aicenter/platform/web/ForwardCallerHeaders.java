package org.aicenter.platform.web;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Passes the request id and the caller's identity on to every service this one calls. */
@Provider
public class ForwardCallerHeaders implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        String id = RequestIds.current();
        if (id != null && !request.getHeaders().containsKey(RequestIds.HEADER)) {
            request.getHeaders().putSingle(RequestIds.HEADER, id);
        }
        String authorization = RequestIds.currentAuthorization();
        if (authorization != null && !request.getHeaders().containsKey("Authorization")) {
            request.getHeaders().putSingle("Authorization", authorization);
        }
    }
}
