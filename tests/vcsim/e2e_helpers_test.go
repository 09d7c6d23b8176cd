//go:build e2e
// +build e2e

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// launched is a running vcsim-launcher process and a logged-in govmomi client.
type launched struct {
	t      *testing.T
	cmd    *exec.Cmd
	ready  readyLine
	client *vim25.Client
	http   *http.Client
	cookie *http.Cookie
}

// launch starts the launcher binary named by VCSIM_LAUNCHER and waits for its ready line.
func launch(t *testing.T, args ...string) *launched {
	t.Helper()
	bin := os.Getenv("VCSIM_LAUNCHER")
	if bin == "" {
		t.Fatal("VCSIM_LAUNCHER must name the vcsim-launcher binary (hack/setup.d/20-vcsim.sh builds it)")
	}
	cmd := exec.Command(bin, append([]string{"--datastore-dir", t.TempDir()}, args...)...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	l := &launched{t: t, cmd: cmd}
	t.Cleanup(l.stop)
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		if err := json.Unmarshal([]byte(line), &l.ready); err != nil {
			t.Fatalf("ready line %q: %v", line, err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no ready line within 60 s")
	}
	l.http = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return l
}

// launchLoggedIn starts the launcher and logs in with the right password.
func launchLoggedIn(t *testing.T, args ...string) *launched {
	t.Helper()
	l := launch(t, args...)
	if err := l.login("secret"); err != nil {
		t.Fatal(err)
	}
	return l
}

func (l *launched) stop() {
	if l.cmd.Process == nil || l.cmd.ProcessState != nil {
		return
	}
	_ = l.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- l.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			l.t.Errorf("launcher exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		_ = l.cmd.Process.Kill()
		l.t.Error("launcher did not stop within 10 s of SIGINT")
	}
}

// login connects govmomi (certificate checked against the printed SHA-256 thumbprint) and logs in.
func (l *launched) login(password string) error {
	ctx := context.Background()
	u, err := soap.ParseURL(l.ready.SdkURL)
	if err != nil {
		return err
	}
	sc := soap.NewClient(u, true)
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		return err
	}
	if err := session.NewManager(c).Login(ctx, url.UserPassword(l.ready.Username, password)); err != nil {
		return err
	}
	l.client = c
	for _, ck := range sc.Jar.Cookies(u) {
		if ck.Name == "vmware_soap_session" {
			l.cookie = ck
		}
	}
	return nil
}

// serverThumbprint reads the SHA-256 thumbprint of the certificate the server presents.
func (l *launched) serverThumbprint() string {
	u, _ := url.Parse(l.ready.SdkURL)
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		l.t.Fatal(err)
	}
	defer conn.Close()
	sum := sha256.Sum256(conn.ConnectionState().PeerCertificates[0].Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// control calls a /_sim endpoint and decodes the JSON answer; it fails the test on a non-200 status.
func (l *launched) control(method, path string, body interface{}, out interface{}) {
	l.t.Helper()
	status, raw := l.controlStatus(method, path, body)
	if status != http.StatusOK {
		l.t.Fatalf("%s %s: %d %s", method, path, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			l.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

func (l *launched) controlStatus(method, path string, body interface{}) (int, []byte) {
	l.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, l.ready.ControlURL+path, rd)
	res, err := l.http.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// readDisk returns the VM disk's current content through /_sim/read.
func (l *launched) readDisk(vm string, size int64) []byte {
	var res struct{ Data []byte }
	l.control(http.MethodPost, "/read", map[string]interface{}{"vm": vm, "offset": 0, "length": size}, &res)
	return res.Data
}

func (l *launched) vm(moref string) (*object.VirtualMachine, mo.VirtualMachine) {
	l.t.Helper()
	ref := types.ManagedObjectReference{Type: "VirtualMachine", Value: moref}
	obj := object.NewVirtualMachine(l.client, ref)
	var props mo.VirtualMachine
	if err := obj.Properties(context.Background(), ref, []string{"name", "layoutEx", "config.hardware.device", "snapshot", "runtime", "summary", "guestHeartbeatStatus"}, &props); err != nil {
		l.t.Fatal(err)
	}
	return obj, props
}

// osPath maps "[LocalDS_0] dir/file" to the file in the launcher's datastore directory.
func (l *launched) osPath(dsPath string) string {
	var p object.DatastorePath
	if !p.FromString(dsPath) {
		l.t.Fatalf("bad datastore path %q", dsPath)
	}
	return filepath.Join(l.ready.DatastoreDir, p.Path)
}

func diskBacking(devices []types.BaseVirtualDevice) *types.VirtualDiskFlatVer2BackingInfo {
	for _, d := range devices {
		if vd, ok := d.(*types.VirtualDisk); ok {
			return vd.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
		}
	}
	return nil
}

func waitTask(t *testing.T, task *object.Task) *types.TaskInfo {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, err := task.WaitForResult(ctx, nil)
	if err != nil {
		t.Fatalf("task: %v", err)
	}
	return info
}
