package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// adoptVM takes a VM created or registered through the API (CreateVM_Task, RegisterVM_Task) under the launcher's
// disk management when its disks are flat base disks that exist on the datastore (for example uploaded by a
// restore): snapshots then get real deltas, guest writes and /_sim/read work, as for the VMs of the model.
// A VM without such disks is left alone.
func (st *diskStore) adoptVM(vm *simulator.VirtualMachine) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.vms[vm.Self.Value] != nil {
		return nil
	}
	state := newVMDisks(vm.Self)
	state.vmDir = path.Dir(vm.Config.Files.VmPathName)
	for _, dev := range vm.Config.Hardware.Device {
		vd, ok := dev.(*types.VirtualDisk)
		if !ok {
			continue
		}
		backing, ok := vd.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
		if !ok || backing.Parent != nil {
			continue
		}
		d, err := adoptBase(vd.Key, backing)
		if err != nil {
			return fmt.Errorf("VM %s disk %d: %w", vm.Name, vd.Key, err)
		}
		state.disks = append(state.disks, d)
	}
	if len(state.disks) == 0 {
		return nil
	}
	st.vms[vm.Self.Value] = state
	return st.apply(vm, state)
}

// adoptBase reads an existing flat base disk (descriptor with one FLAT or VMFS extent) and rewrites its
// descriptor in the launcher's vmfs form, keeping CID, size and extent file.
func adoptBase(key int32, backing *types.VirtualDiskFlatVer2BackingInfo) (*vmDisk, error) {
	var p object.DatastorePath
	if !p.FromString(backing.FileName) {
		return nil, fmt.Errorf("cannot parse disk path %q", backing.FileName)
	}
	root, dsRef, err := datastoreDirByName(p.Datastore)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, filepath.Dir(p.Path))
	descName := filepath.Base(p.Path)
	text, err := os.ReadFile(filepath.Join(dir, descName))
	if err != nil {
		return nil, err
	}
	desc, err := parseFlatDescriptor(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", backing.FileName, err)
	}
	if _, err := os.Stat(filepath.Join(dir, desc.extentFile)); err != nil {
		return nil, err
	}
	l := &layer{dir: dir, dsDir: fmt.Sprintf("[%s] %s", p.Datastore, filepath.Dir(p.Path)), descName: descName, desc: desc}
	if err := l.writeDescriptor(); err != nil {
		return nil, err
	}
	b := *backing
	b.Datastore = &dsRef
	b.ThinProvisioned = types.NewBool(true)
	b.DeltaDiskFormat = ""
	b.Uuid = strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(desc.uuid, " ", ""), "-", ""))
	capacity := desc.sectors * sectorSize
	return &vmDisk{key: key, capacity: capacity, baseBacking: b, baseName: strings.TrimSuffix(descName, ".vmdk"), top: l, layers: []*layer{l}}, nil
}

// parseFlatDescriptor reads CID, the single FLAT/VMFS extent and the DDB ids of a flat base descriptor.
func parseFlatDescriptor(text []byte) (descriptor, error) {
	d := descriptor{parentCID: noParentCID, createType: "vmfs", extentType: "VMFS", cid: 0xfffffffe, longCID: "", uuid: ""}
	extents := 0
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "CID="):
			v, err := strconv.ParseUint(strings.TrimPrefix(line, "CID="), 16, 32)
			if err != nil {
				return d, fmt.Errorf("CID: %v", err)
			}
			d.cid = uint32(v)
		case strings.HasPrefix(line, "parentCID="):
			if v := strings.TrimPrefix(line, "parentCID="); v != "ffffffff" {
				return d, fmt.Errorf("parentCID %s: only base disks can be adopted", v)
			}
		case strings.HasPrefix(line, "RW ") || strings.HasPrefix(line, "RDONLY "):
			fields := strings.Fields(line)
			if len(fields) < 4 || (fields[2] != "FLAT" && fields[2] != "VMFS") {
				return d, fmt.Errorf("extent %q: only one FLAT or VMFS extent is supported", line)
			}
			sectors, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return d, fmt.Errorf("extent sectors: %v", err)
			}
			d.sectors = sectors
			d.extentFile = strings.Trim(fields[3], "\"")
			extents++
		case strings.HasPrefix(line, "ddb.longContentID"):
			if v := ddbValue(line); len(v) == 32 {
				d.longCID = v[:24]
			}
		case strings.HasPrefix(line, "ddb.uuid"):
			d.uuid = ddbValue(line)
		}
	}
	if extents != 1 {
		return d, fmt.Errorf("%d extents: exactly one is supported", extents)
	}
	if d.longCID == "" {
		d.longCID = fmt.Sprintf("%024x", d.cid)
	}
	if d.uuid == "" {
		d.uuid = fmt.Sprintf("60 00 C2 9a %02x %02x %02x %02x-00 00 00 00 00 00 00 00", byte(d.cid>>24), byte(d.cid>>16), byte(d.cid>>8), byte(d.cid))
	}
	return d, nil
}

func ddbValue(line string) string {
	if i := strings.Index(line, "="); i >= 0 {
		return strings.Trim(strings.TrimSpace(line[i+1:]), "\"")
	}
	return ""
}
