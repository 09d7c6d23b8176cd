//go:build e2e
// +build e2e

package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

func TestE2ERevertAndRemoveAllSnapshots(t *testing.T) {
	l := launchLoggedIn(t, "--disk-size", "4MiB", "--seed", "9")
	ctx := context.Background()
	info := l.ready.VMs[1]
	vm, _ := l.vm(info.Moref)
	current := l.readDisk(info.Moref, info.Disks[0].CapacityBytes)
	initial := append([]byte(nil), current...)

	waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s1", "", false, false)))
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 0, "length": 70000, "random": true})
	waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s2", "", false, false)))
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 1 << 20, "length": 3000, "random": true})

	waitTask(t, mustTask(t)(vm.RevertToSnapshot(ctx, "s1", true)))
	_, props := l.vm(info.Moref)
	top := l.osPath(diskBacking(props.Config.Hardware.Device).FileName)
	assertQemu(t, "after revert to s1", top, initial)
	current = append([]byte(nil), initial...)
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 2 << 20, "data": []byte("after the revert")})
	waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s3", "", false, false)))
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 512, "length": 1024, "zero": true})

	removeAll, err := methods.RemoveAllSnapshots_Task(ctx, l.client, &types.RemoveAllSnapshots_Task{This: vm.Reference(), Consolidate: types.NewBool(true)})
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, object.NewTask(l.client, removeAll.Returnval))
	_, props = l.vm(info.Moref)
	b := diskBacking(props.Config.Hardware.Device)
	if b.Parent != nil || props.Snapshot != nil || len(props.LayoutEx.Disk[0].Chain) != 1 {
		t.Fatalf("after RemoveAllSnapshots the VM must run on its base alone: %s", b.FileName)
	}
	assertQemu(t, "base after RemoveAllSnapshots", l.osPath(b.FileName), current)
	assertOnlyBaseFiles(t, filepath.Dir(info.Disks[0].Path))
}

func TestE2ERemoveSnapshotWithChildren(t *testing.T) {
	l := launchLoggedIn(t, "--disk-size", "4MiB")
	ctx := context.Background()
	info := l.ready.VMs[0]
	vm, _ := l.vm(info.Moref)
	current := l.readDisk(info.Moref, info.Disks[0].CapacityBytes)
	for i, name := range []string{"a", "b", "c"} {
		waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, name, "", false, false)))
		writeGuest(l, info.Moref, current, map[string]interface{}{"offset": i * 100000, "length": 5000, "random": true})
	}
	waitTask(t, mustTask(t)(vm.RemoveSnapshot(ctx, "b", true, nil)))
	_, props := l.vm(info.Moref)
	b := diskBacking(props.Config.Hardware.Device)
	if !strings.HasSuffix(b.FileName, "/disk1-000001.vmdk") || b.Parent == nil || b.Parent.Parent != nil {
		t.Fatalf("removing b with its children folds b and c into a's delta: top %s", b.FileName)
	}
	assertQemu(t, "top", l.osPath(b.FileName), current)

	if status, body := l.controlStatus(http.MethodPost, "/write", map[string]interface{}{"vm": info.Moref, "writes": []interface{}{map[string]interface{}{"offset": 1, "length": 512, "zero": true}}}); status != http.StatusBadRequest {
		t.Fatalf("unaligned zero write: want 400, got %d %s", status, body)
	}
	if status, _ := l.controlStatus(http.MethodPost, "/read", map[string]interface{}{"vm": "no-such-vm", "offset": 0, "length": 1}); status != http.StatusNotFound {
		t.Fatalf("unknown VM: want 404, got %d", status)
	}
}

func assertOnlyBaseFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".vmdk") && e.Name() != "disk1.vmdk" && e.Name() != "disk1-flat.vmdk" {
			t.Fatalf("leftover disk file %s", e.Name())
		}
	}
}
