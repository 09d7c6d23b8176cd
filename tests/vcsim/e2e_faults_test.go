//go:build e2e
// +build e2e

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/task"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// faultName returns the vim25 fault type name carried by a SOAP fault or a failed task ("" for other errors).
func faultName(err error) string {
	var f interface{}
	switch {
	case err == nil:
		return ""
	case soap.IsSoapFault(err):
		f = soap.ToSoapFault(err).VimFault()
	case soap.IsVimFault(err):
		f = soap.ToVimFault(err)
	default:
		te, ok := err.(task.Error)
		if !ok {
			return ""
		}
		f = te.Fault()
	}
	return strings.TrimPrefix(reflect.TypeOf(f).String(), "*")
}

func assertFault(t *testing.T, err error, want string) {
	t.Helper()
	if got := faultName(err); got != "types."+want {
		t.Fatalf("want fault %s, got %q (%v)", want, got, err)
	}
}

func TestE2EInjectedFaults(t *testing.T) {
	l := launchLoggedIn(t, "--disk-size", "1MiB")
	ctx := context.Background()
	vm, _ := l.vm(l.ready.VMs[0].Moref)

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "soapFault", "method": "CreateSnapshot_Task", "fault": "TaskInProgress", "count": 2}, nil)
	for i := 0; i < 2; i++ {
		_, err := vm.CreateSnapshot(ctx, "s", "", false, false)
		assertFault(t, err, "TaskInProgress")
	}
	waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s", "", false, false)))

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "taskFault", "method": "RemoveSnapshot_Task", "fault": "InvalidState", "message": "busy"}, nil)
	removal := mustTask(t)(vm.RemoveSnapshot(ctx, "s", false, nil))
	_, err := removal.WaitForResult(ctx, nil)
	assertFault(t, err, "InvalidState")
	if _, err := vm.FindSnapshot(ctx, "s"); err != nil {
		t.Fatalf("a failed removal must keep the snapshot: %v", err)
	}

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "slowTask", "method": "RemoveSnapshot_Task", "ms": 1500, "progress": 37}, nil)
	slow := mustTask(t)(vm.RemoveSnapshot(ctx, "s", false, nil))
	var tk mo.Task
	if err := property.DefaultCollector(l.client).RetrieveOne(ctx, slow.Reference(), []string{"info"}, &tk); err != nil {
		t.Fatal(err)
	}
	if tk.Info.State != types.TaskInfoStateRunning || tk.Info.Progress != 37 {
		t.Fatalf("slow task must read running/37 first, got %s/%d", tk.Info.State, tk.Info.Progress)
	}
	waitTask(t, slow)

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "httpStatus", "status": 503}, nil)
	if _, err := methods.GetCurrentTime(ctx, l.client); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("want an HTTP 503, got %v", err)
	}
	if _, err := methods.GetCurrentTime(ctx, l.client); err != nil {
		t.Fatalf("the 503 must happen once: %v", err)
	}

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "delay", "method": "CurrentTime", "ms": 100, "count": 1}, nil)
	if _, err := methods.GetCurrentTime(ctx, l.client); err != nil {
		t.Fatalf("a delayed call must still succeed: %v", err)
	}
	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "delayAnswer", "method": "CurrentTime", "ms": 300, "count": 1}, nil)
	started := time.Now()
	if _, err := methods.GetCurrentTime(ctx, l.client); err != nil {
		t.Fatalf("a call with a held answer must still succeed: %v", err)
	}
	if held := time.Since(started); held < 300*time.Millisecond {
		t.Fatalf("the answer must be held 300 ms, came after %v", held)
	}
	var rules struct{ Rules []faultRule }
	l.control(http.MethodGet, "/faults", nil, &rules)
	for _, r := range rules.Rules {
		if r.Remaining != 0 {
			t.Fatalf("every rule must be used up: %+v", r)
		}
	}

	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "terminateSession", "afterCalls": 2}, nil)
	for i := 0; i < 2; i++ {
		if _, err := methods.GetCurrentTime(ctx, l.client); err != nil {
			t.Fatalf("call %d before the termination: %v", i, err)
		}
	}
	_, err = vm.PowerOff(ctx)
	assertFault(t, err, "NotAuthenticated")

	var stats statsView
	l.control(http.MethodGet, "/stats", nil, &stats)
	if stats.Calls["CreateSnapshot_Task"] != 3 || stats.Calls["RemoveSnapshot_Task"] != 2 || stats.Total < 10 {
		t.Fatalf("stats: %+v", stats)
	}
	if status, body := l.controlStatus(http.MethodPost, "/faults", map[string]interface{}{"kind": "soapFault", "method": "X", "fault": "NoSuchFault"}); status != http.StatusBadRequest || !strings.Contains(string(body), "fault") {
		t.Fatalf("an unknown fault type must be a 400 naming the field: %d %s", status, body)
	}
}

func TestE2EFailuresAndFolder(t *testing.T) {
	l := launchLoggedIn(t, "--disk-size", "1MiB")
	ctx := context.Background()
	info := l.ready.VMs[0]
	vm, _ := l.vm(info.Moref)

	l.control(http.MethodPost, "/fail-host", map[string]string{"host": info.Host}, nil)
	var host mo.HostSystem
	hostRef := types.ManagedObjectReference{Type: "HostSystem", Value: info.Host}
	if err := property.DefaultCollector(l.client).RetrieveOne(ctx, hostRef, []string{"runtime"}, &host); err != nil {
		t.Fatal(err)
	}
	if host.Runtime.ConnectionState != types.HostSystemConnectionStateNotResponding {
		t.Fatalf("host connectionState %s", host.Runtime.ConnectionState)
	}
	_, err := vm.PowerOff(ctx)
	assertFault(t, err, "HostNotConnected")
	l.control(http.MethodPost, "/restore-host", map[string]string{"host": info.Host}, nil)
	waitTask(t, mustTask(t)(vm.PowerOff(ctx)))

	l.control(http.MethodPost, "/restore-vm", map[string]string{"vm": info.Moref}, nil)
	l.control(http.MethodPost, "/crash-vm", map[string]string{"vm": info.Name}, nil)
	_, props := l.vm(info.Moref)
	if props.Runtime.PowerState != types.VirtualMachinePowerStatePoweredOff || props.GuestHeartbeatStatus != types.ManagedEntityStatusRed ||
		props.Summary.QuickStats.GuestHeartbeatStatus != types.ManagedEntityStatusRed {
		t.Fatalf("crashed VM: %s, heartbeat %s", props.Runtime.PowerState, props.GuestHeartbeatStatus)
	}
	l.control(http.MethodPost, "/heartbeat", map[string]string{"vm": info.Moref, "status": "yellow"}, nil)
	if _, props = l.vm(info.Moref); props.GuestHeartbeatStatus != types.ManagedEntityStatusYellow {
		t.Fatalf("heartbeat %s", props.GuestHeartbeatStatus)
	}

	content := l.readDisk(info.Moref, info.Disks[0].CapacityBytes)
	flat := fmt.Sprintf("%s/folder/%s/disk1-flat.vmdk?dcPath=%s&dsName=%s", strings.TrimSuffix(l.ready.SdkURL, "/sdk"),
		strings.TrimSuffix(strings.TrimPrefix(info.VmxPath, "[LocalDS_0] "), "/"+info.Name+".vmx"), l.ready.DatacenterPath, l.ready.DatastoreName)
	if res := l.get(t, flat, nil, ""); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("/folder without a session: %d", res.StatusCode)
	}
	res := l.get(t, flat, l.cookie, "bytes=100-199")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Range") != fmt.Sprintf("bytes 100-199/%d", len(content)) || !bytesEqual(body, content[100:200]) {
		t.Fatalf("range GET: %d %q", res.StatusCode, res.Header.Get("Content-Range"))
	}
	l.control(http.MethodPost, "/faults", map[string]interface{}{"kind": "dropDownload", "afterBytes": 5000}, nil)
	res = l.get(t, flat, l.cookie, "")
	body, err = io.ReadAll(res.Body)
	if err == nil || len(body) != 5000 || !bytesEqual(body, content[:5000]) {
		t.Fatalf("the dropped download must end with an error after 5000 bytes: got %d bytes, err %v", len(body), err)
	}
	res = l.get(t, flat, l.cookie, "bytes=5000-")
	if body, err = io.ReadAll(res.Body); err != nil || res.StatusCode != http.StatusPartialContent || !bytesEqual(body, content[5000:]) {
		t.Fatalf("resume: %d, %d bytes, %v", res.StatusCode, len(body), err)
	}

	consolidate, err := methods.ConsolidateVMDisks_Task(ctx, l.client, &types.ConsolidateVMDisks_Task{This: vm.Reference()})
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, object.NewTask(l.client, consolidate.Returnval))
}

func (l *launched) get(t *testing.T, u string, cookie *http.Cookie, rangeHeader string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	if rangeHeader != "" {
		req.Header.Set("Range", rangeHeader)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	res, err := l.http.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func TestE2EIdleSessionsExpire(t *testing.T) {
	l := launchLoggedIn(t, "--disk-size", "1MiB", "--session-idle-timeout", "300ms")
	ctx := context.Background()
	if _, err := methods.GetCurrentTime(ctx, l.client); err != nil {
		t.Fatalf("a fresh session must work: %v", err)
	}
	var err error
	waitFor(t, func() bool {
		time.Sleep(400 * time.Millisecond)
		_, err = methods.GetCurrentTime(ctx, l.client)
		return err != nil
	})
	assertFault(t, err, "NotAuthenticated")
}
