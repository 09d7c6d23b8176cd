package main

import (
	"net/http"
	"os"
	"path"
	"strings"
)

// serveFolder guards vcsim's datastore file service: a live session cookie or HTTP Basic credentials are required.
func (p *proxy) serveFolder(w http.ResponseWriter, r *http.Request) {
	p.stats.countFolder(r.Method)
	if !p.folderAuthorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="VMware HTTP server"`)
		http.Error(w, "a vmware_soap_session cookie or Basic credentials are required", http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodDelete {
		p.deleteDatastoreFile(w, r)
		return
	}
	if r.Method == http.MethodGet {
		if rule := p.faults.takeDownload(r.URL.Path); rule != nil {
			w = &droppingWriter{ResponseWriter: w, left: rule.AfterBytes}
		}
	}
	p.sim.mux.ServeHTTP(w, r)
}

func (p *proxy) folderAuthorized(r *http.Request) bool {
	if user, pass, ok := r.BasicAuth(); ok {
		return user == p.opts.username && pass == p.opts.password
	}
	return p.sessionValid(r)
}

// deleteDatastoreFile serves DELETE /folder/<path> (vcsim would answer it like a GET).
func (p *proxy) deleteDatastoreFile(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("dsName")
	if name == "" {
		name = p.sim.datastoreName
	}
	root, _, err := datastoreDirByName(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	rel := path.Clean("/" + strings.TrimPrefix(r.URL.Path, "/folder"))
	if rel == "/" {
		http.Error(w, "refusing to delete the datastore root", http.StatusBadRequest)
		return
	}
	if err := os.Remove(root + rel); err != nil {
		if os.IsNotExist(err) {
			http.Error(w, "file not found", http.StatusNotFound)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// droppingWriter passes the first left body bytes, then aborts the connection (the client sees a cut body).
type droppingWriter struct {
	http.ResponseWriter
	left int64
}

func (d *droppingWriter) Write(b []byte) (int, error) {
	if int64(len(b)) <= d.left {
		d.left -= int64(len(b))
		return d.ResponseWriter.Write(b)
	}
	_, _ = d.ResponseWriter.Write(b[:d.left])
	d.left = 0
	if f, ok := d.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler)
}
