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
	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

func TestE2ESnapshotsGuestWritesAndConsolidation(t *testing.T) {
	l := launch(t, "--tls", "--disk-size", "8MiB", "--seed", "3")
	if l.ready.Thumbprint == nil || *l.ready.Thumbprint != l.serverThumbprint() {
		t.Fatalf("printed thumbprint %v differs from the served certificate's %s", l.ready.Thumbprint, l.serverThumbprint())
	}
	if err := l.login("wrong"); err == nil || !soap.IsSoapFault(err) {
		t.Fatalf("wrong password: want a SOAP fault, got %v", err)
	} else if _, ok := soap.ToSoapFault(err).VimFault().(types.InvalidLogin); !ok {
		t.Fatalf("wrong password: want InvalidLogin, got %#v", soap.ToSoapFault(err).VimFault())
	}
	if err := l.login("secret"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	info := l.ready.VMs[0]
	size := info.Disks[0].CapacityBytes
	current := l.readDisk(info.Moref, size)
	initial := append([]byte(nil), current...)
	assertQemu(t, "base", info.Disks[0].Path, initial)

	vm, _ := l.vm(info.Moref)
	s1 := waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s1", "first", false, false))).Result.(types.ManagedObjectReference)
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 4096, "length": 10000, "random": true})
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 3 << 20, "data": []byte("written after s1")})
	afterS1 := append([]byte(nil), current...)
	s2 := waitTask(t, mustTask(t)(vm.CreateSnapshot(ctx, "s2", "second", false, false))).Result.(types.ManagedObjectReference)
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 0, "length": 4096, "zero": true})
	writeGuest(l, info.Moref, current, map[string]interface{}{"offset": 4196, "length": 512, "random": true})

	_, props := l.vm(info.Moref)
	b := diskBacking(props.Config.Hardware.Device)
	if !strings.HasSuffix(b.FileName, "/disk1-000002.vmdk") || b.DeltaDiskFormat != "redoLogFormat" ||
		!strings.HasSuffix(b.Parent.FileName, "/disk1-000001.vmdk") || !strings.HasSuffix(b.Parent.Parent.FileName, "/disk1.vmdk") || b.Parent.Parent.Parent != nil {
		t.Fatalf("backing chain: %s ← %s", b.FileName, b.Parent.FileName)
	}
	assertLayout(t, props.LayoutEx, []string{"disk1.vmdk", "disk1-000001.vmdk", "disk1-000002.vmdk"}, map[string]int{s1.Value: 1, s2.Value: 2})
	assertQemu(t, "top", l.osPath(b.FileName), current)
	if got := l.readDisk(info.Moref, size); !bytesEqual(got, current) {
		t.Fatal("/_sim/read differs from the expected guest content")
	}
	assertQemu(t, "s1", l.osPath(snapshotBacking(t, l, s1).FileName), initial)
	var listed struct{ VMs []vmInfo }
	l.control(http.MethodGet, "/vms", nil, &listed)
	if s := listed.VMs[0].Snapshots; len(s) != 2 || s[0].Moref != s1.Value || s[1].Disks[0].FileName != snapshotBacking(t, l, s2).FileName {
		t.Fatalf("/_sim/vms snapshots: %+v", s)
	}
	assertQemu(t, "s2", l.osPath(snapshotBacking(t, l, s2).FileName), afterS1)

	// Removing s1 merges disk1-000001 (the writes after s1) into the base; s2 now owns the base.
	waitTask(t, mustTask(t)(vm.RemoveSnapshot(ctx, "s1", false, types.NewBool(true))))
	_, props = l.vm(info.Moref)
	b = diskBacking(props.Config.Hardware.Device)
	if !strings.HasSuffix(b.Parent.FileName, "/disk1.vmdk") {
		t.Fatalf("after removing s1 the delta's parent must be the base, is %s", b.Parent.FileName)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(info.Disks[0].Path), "disk1-000001-delta.vmdk")); !os.IsNotExist(err) {
		t.Fatalf("disk1-000001-delta.vmdk must be gone after consolidation: %v", err)
	}
	assertLayout(t, props.LayoutEx, []string{"disk1.vmdk", "disk1-000002.vmdk"}, map[string]int{s2.Value: 1})
	assertQemu(t, "s2 after removing s1", l.osPath(snapshotBacking(t, l, s2).FileName), afterS1)
	assertQemu(t, "top after removing s1", l.osPath(b.FileName), current)

	waitTask(t, mustTask(t)(vm.RemoveSnapshot(ctx, "s2", false, types.NewBool(true))))
	_, props = l.vm(info.Moref)
	b = diskBacking(props.Config.Hardware.Device)
	if b.Parent != nil || props.Snapshot != nil {
		t.Fatalf("after removing every snapshot the VM must run on its base: %s, parent %v", b.FileName, b.Parent)
	}
	assertLayout(t, props.LayoutEx, []string{"disk1.vmdk"}, map[string]int{})
	assertQemu(t, "base after removing s2", l.osPath(b.FileName), current)
}

func mustTask(t *testing.T) func(*object.Task, error) *object.Task {
	return func(task *object.Task, err error) *object.Task {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return task
	}
}

// writeGuest writes through /_sim/write and applies the echoed bytes to the expected content.
func writeGuest(l *launched, vm string, content []byte, w map[string]interface{}) {
	l.t.Helper()
	var res struct {
		Results []struct {
			Writes []writtenRange
		}
	}
	l.control(http.MethodPost, "/write", map[string]interface{}{"vm": vm, "writes": []interface{}{w}}, &res)
	for _, r := range res.Results[0].Writes {
		copy(content[r.Offset:], r.Data)
	}
}

func snapshotBacking(t *testing.T, l *launched, snap types.ManagedObjectReference) *types.VirtualDiskFlatVer2BackingInfo {
	t.Helper()
	var s mo.VirtualMachineSnapshot
	if err := property.DefaultCollector(l.client).RetrieveOne(context.Background(), snap, []string{"config.hardware.device"}, &s); err != nil {
		t.Fatal(err)
	}
	return diskBacking(s.Config.Hardware.Device)
}

// assertLayout checks layoutEx: the disk chain (base first, [descriptor, extent]) and each snapshot's chain length.
func assertLayout(t *testing.T, layout *types.VirtualMachineFileLayoutEx, chain []string, snapshots map[string]int) {
	t.Helper()
	files := map[int32]types.VirtualMachineFileLayoutExFileInfo{}
	for _, f := range layout.File {
		if _, dup := files[f.Key]; dup {
			t.Fatalf("layoutEx file key %d used twice", f.Key)
		}
		files[f.Key] = f
	}
	if len(layout.Disk) != 1 || len(layout.Disk[0].Chain) != len(chain) {
		t.Fatalf("layoutEx.disk: want one disk with %d chain units, got %+v", len(chain), layout.Disk)
	}
	for i, unit := range layout.Disk[0].Chain {
		desc, ext := files[unit.FileKey[0]], files[unit.FileKey[1]]
		if !strings.HasSuffix(desc.Name, "/"+chain[i]) || desc.Type != "diskDescriptor" || ext.Type != "diskExtent" || ext.Size <= 0 {
			t.Fatalf("layoutEx chain[%d]: %+v / %+v, want %s", i, desc, ext, chain[i])
		}
	}
	if len(layout.Snapshot) != len(snapshots) {
		t.Fatalf("layoutEx.snapshot: %d entries, want %d", len(layout.Snapshot), len(snapshots))
	}
	for _, s := range layout.Snapshot {
		if want, ok := snapshots[s.Key.Value]; !ok || len(s.Disk) != 1 || len(s.Disk[0].Chain) != want {
			t.Fatalf("layoutEx.snapshot %s: %+v, want a chain of %d", s.Key.Value, s.Disk, want)
		}
		if files[s.DataKey].Type != "snapshotData" {
			t.Fatalf("layoutEx.snapshot %s: dataKey %d is %+v", s.Key.Value, s.DataKey, files[s.DataKey])
		}
	}
}

func assertQemu(t *testing.T, what, descriptor string, want []byte) {
	t.Helper()
	if i := firstDiff(qemuRaw(t, descriptor), want); i >= 0 {
		t.Fatalf("%s: qemu-img content of %s differs from the expected content at byte %d", what, filepath.Base(descriptor), i)
	}
}

func bytesEqual(a, b []byte) bool { return firstDiff(a, b) < 0 }
