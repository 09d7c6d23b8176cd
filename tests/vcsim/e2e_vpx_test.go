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
	"github.com/vmware/govmomi/vim25/methods"
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

func TestE2ERetrievePropertiesExPaging(t *testing.T) {
	l := launchLoggedIn(t, "--model", "vpx", "--hosts", "2", "--vms", "12", "--disk-size", "1MiB")
	ctx := context.Background()
	pc := l.client.ServiceContent.PropertyCollector
	spec := types.PropertyFilterSpec{PropSet: []types.PropertySpec{{Type: "VirtualMachine", PathSet: []string{"name"}}}}
	for _, vm := range l.ready.VMs {
		spec.ObjectSet = append(spec.ObjectSet, types.ObjectSpec{Obj: types.ManagedObjectReference{Type: "VirtualMachine", Value: vm.Moref}})
	}
	res, err := methods.RetrievePropertiesEx(ctx, l.client, &types.RetrievePropertiesEx{This: pc, SpecSet: []types.PropertyFilterSpec{spec}, Options: types.RetrieveOptions{MaxObjects: 5}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	pages := []int{}
	for result := res.Returnval; ; {
		pages = append(pages, len(result.Objects))
		for _, o := range result.Objects {
			seen[o.Obj.Value] = true
		}
		if result.Token == "" {
			break
		}
		next, err := methods.ContinueRetrievePropertiesEx(ctx, l.client, &types.ContinueRetrievePropertiesEx{This: pc, Token: result.Token})
		if err != nil {
			t.Fatal(err)
		}
		result = &next.Returnval
	}
	if len(seen) != 12 || len(pages) != 3 || pages[0] != 5 || pages[2] != 2 {
		t.Fatalf("pages %v covering %d VMs", pages, len(seen))
	}
	_, err = methods.ContinueRetrievePropertiesEx(ctx, l.client, &types.ContinueRetrievePropertiesEx{This: pc, Token: "no-such-token"})
	assertFault(t, err, "InvalidArgument")

	res, err = methods.RetrievePropertiesEx(ctx, l.client, &types.RetrievePropertiesEx{This: pc, SpecSet: []types.PropertyFilterSpec{spec}, Options: types.RetrieveOptions{MaxObjects: 11}})
	if err != nil || res.Returnval.Token == "" {
		t.Fatalf("want a token for 12 objects in pages of 11: %v", err)
	}
	if _, err := methods.CancelRetrievePropertiesEx(ctx, l.client, &types.CancelRetrievePropertiesEx{This: pc, Token: res.Returnval.Token}); err != nil {
		t.Fatal(err)
	}
	_, err = methods.ContinueRetrievePropertiesEx(ctx, l.client, &types.ContinueRetrievePropertiesEx{This: pc, Token: res.Returnval.Token})
	assertFault(t, err, "InvalidArgument")
}
