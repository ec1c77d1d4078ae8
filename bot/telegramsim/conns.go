package telegramsim

import (
	"net"
	"net/http"
)

// connState keeps the connections on which no request has arrived yet. An
// HTTP client may open one and never use it (a request cancelled while its
// connection was being dialled leaves the connection idle in the client's
// pool); http.Server.Shutdown waits five seconds before it counts such a
// connection as idle, so Close closes them itself. Once Close has begun, a
// new connection is closed at once.
func (s *Server) connState(c net.Conn, st http.ConnState) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	if st != http.StateNew {
		delete(s.fresh, c)
		return
	}
	select {
	case <-s.done:
		c.Close()
	default:
		s.fresh[c] = true
	}
}

// dropFresh closes the connections on which no request has arrived.
func (s *Server) dropFresh() {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	for c := range s.fresh {
		c.Close()
		delete(s.fresh, c)
	}
}
