package telegramsim

import (
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// A connection no request has come on (a client's request cancelled while
// it dialled leaves one open) is closed by Close at once: net/http's
// Shutdown alone would wait five seconds for it.
func TestCloseDoesNotWaitForAConnectionThatSentNothing(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	accepted := func() bool {
		s.connMu.Lock()
		defer s.connMu.Unlock()
		return len(s.fresh) == 1
	}
	for deadline := time.Now().Add(10 * time.Second); !accepted(); {
		if time.Now().After(deadline) {
			t.Fatal("the server did not take the connection in 10s")
		}
		<-time.After(time.Millisecond)
	}

	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	// The server's own rule would close it after five seconds.
	c.SetReadDeadline(time.Now().Add(4 * time.Second))
	if n, err := c.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		t.Fatalf("read %d bytes, %v; want the connection closed by Close", n, err)
	}
	<-closed
}
