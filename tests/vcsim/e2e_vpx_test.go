//go:build e2e
// +build e2e

package main

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/types"
)

func TestE2EVpxModelAndHangingHost(t *testing.T) {
	l := launch(t, "--model", "vpx", "--hosts", "3", "--vms", "12", "--disk-size", "1MiB")
	if len(l.ready.VMs) != 12 || l.ready.DatacenterPath != "DC0" {
		t.Fatalf("ready line: %d VMs in %q", len(l.ready.VMs), l.ready.DatacenterPath)
	}
	hosts := map[string][]vmInfo{}
	for _, vm := range l.ready.VMs {
		if _, err := os.Stat(vm.Disks[0].Path); err != nil || vm.Host == "" {
			t.Fatalf("VM %s: host %q, disk %v", vm.Name, vm.Host, err)
		}
		hosts[vm.Host] = append(hosts[vm.Host], vm)
	}
	if len(hosts) < 2 {
		t.Skipf("all VMs landed on one host (%v); the failure isolation needs two", hosts)
	}
	if err := l.login("secret"); err != nil {
		t.Fatal(err)
	}
	var failed, healthy vmInfo
	for _, vms := range hosts {
		if failed.Moref == "" {
			failed = vms[0]
		} else {
			healthy = vms[0]
		}
	}
	ctx := context.Background()
	l.control(http.MethodPost, "/fail-host", map[string]string{"host": failed.Host, "mode": "hang"}, nil)
	done := make(chan error, 1)
	go func() {
		vm := object.NewVirtualMachine(l.client, types.ManagedObjectReference{Type: "VirtualMachine", Value: failed.Moref})
		task, err := vm.PowerOff(ctx)
		if err == nil {
			_, err = task.WaitForResult(ctx, nil)
		}
		done <- err
	}()
	waitFor(t, func() bool {
		var stats statsView
		l.control(http.MethodGet, "/stats", nil, &stats)
		return stats.Calls["PowerOffVM_Task"] == 1
	})
	healthyVM, _ := l.vm(healthy.Moref)
	waitTask(t, mustTask(t)(healthyVM.CreateSnapshot(ctx, "s", "", false, false)))
	select {
	case err := <-done:
		t.Fatalf("a call on the failed host must hang until the host is restored, returned %v", err)
	default:
	}
	l.control(http.MethodPost, "/restore-host", map[string]string{"host": failed.Host}, nil)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after the restore the call must succeed: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the hanging call did not finish after the restore")
	}
	_, props := l.vm(healthy.Moref)
	qemuRaw(t, l.osPath(diskBacking(props.Config.Hardware.Device).FileName))
}

// waitFor polls cond (every 50 ms, at most 20 s).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not reached within 20 s")
}
