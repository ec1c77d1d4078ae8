package storage

import (
	"context"
	"reflect"
	"testing"
)

// Every part of a Tx leads back to that Tx: a part left out of newTx would
// panic on its first method.
func TestTxPartsLeadBack(t *testing.T) {
	tx := newTx(context.Background(), nil)
	v := reflect.ValueOf(tx).Elem()
	parts := 0
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.Anonymous {
			continue
		}
		parts++
		back := v.Field(i).FieldByName("tx")
		if !back.IsValid() || back.Kind() != reflect.Pointer {
			t.Errorf("part %s has no way back to its Tx", f.Name)
			continue
		}
		if back.Pointer() != reflect.ValueOf(tx).Pointer() {
			t.Errorf("part %s does not lead back to its Tx", f.Name)
		}
	}
	if parts < 2 {
		t.Fatalf("a Tx of %d parts", parts)
	}
}
