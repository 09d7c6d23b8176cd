package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// proxy is the front HTTP(S) server: /sdk with hooks and faults, /folder with auth, /_sim control, rest to vcsim.
type proxy struct {
	sim        *sim
	opts       *options
	server     *http.Server
	listener   net.Listener
	thumbprint *string
	faults     *faultBook
	stats      *callStats
	failures   *failures
	pager      *pager
}

func startProxy(opts *options, s *sim) (*proxy, error) {
	ln, err := net.Listen("tcp", opts.listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %s: %w", opts.listen, err)
	}
	p := &proxy{sim: s, opts: opts, listener: ln, faults: &faultBook{}, stats: newCallStats(), failures: newFailures(), pager: newPager()}
	if opts.tls {
		cert, err := loadOrCreateCertificate(opts.tlsCert, opts.tlsKey)
		if err != nil {
			ln.Close()
			return nil, err
		}
		tp := thumbprint(cert)
		p.thumbprint = &tp
		p.listener = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	p.server = &http.Server{Handler: p, ReadHeaderTimeout: 30 * time.Second, ErrorLog: log.New(log.Writer(), "vcsim-launcher http: ", 0)}
	go func() {
		if err := p.server.Serve(p.listener); err != nil && err != http.ErrServerClosed {
			log.Printf("proxy stopped: %v", err)
		}
	}()
	return p, nil
}

func (p *proxy) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = p.server.Shutdown(ctx)
}

func (p *proxy) baseURL() string {
	scheme := "http"
	if p.opts.tls {
		scheme = "https"
	}
	return fmt.Sprintf("%s://%s", scheme, p.listener.Addr().String())
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == "/_sim" || strings.HasPrefix(path, "/_sim/"):
		p.serveControl(w, r)
	case (path == "/sdk" || path == "/sdk/vimService") && r.Method == http.MethodPost:
		p.serveSDK(w, r)
	case strings.HasPrefix(path, "/folder"):
		p.serveFolder(w, r)
	default:
		p.sim.mux.ServeHTTP(w, r)
	}
}

// forward runs a request through vcsim in-process and returns the recorded answer.
func (p *proxy) forward(r *http.Request, body []byte) *httptest.ResponseRecorder {
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	rec := httptest.NewRecorder()
	p.sim.mux.ServeHTTP(rec, req)
	return rec
}

func copyRecorded(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, vs := range rec.Header() {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// sessionValid asks vcsim whether a session cookie belongs to a live session (CurrentTime needs one).
func (p *proxy) sessionValid(r *http.Request) bool {
	c, err := r.Cookie("vmware_soap_session")
	if err != nil || c.Value == "" {
		return false
	}
	body := soapEnvelopeStart + `<CurrentTime xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></CurrentTime>` + soapEnvelopeEnd
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "/sdk", strings.NewReader(body))
	if err != nil {
		return false
	}
	req.RemoteAddr = r.RemoteAddr
	req.Header.Set("Content-Type", "text/xml")
	req.AddCookie(c)
	rec := httptest.NewRecorder()
	p.sim.mux.ServeHTTP(rec, req)
	return rec.Code == http.StatusOK
}

func (p *proxy) writeXML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
