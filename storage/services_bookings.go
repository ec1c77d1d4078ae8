package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrSlotFull is BookSlot's error when every seat of the slot is taken.
var ErrSlotFull = errors.New("storage: the slot is full")

// Booking states.
const (
	BookingBooked    = "booked"
	BookingCancelled = "cancelled"
	BookingKept      = "kept"
	BookingMissed    = "missed"
)

// Booking is a resident's booked time at the office hours.
type Booking struct {
	ID       int64
	MemberID int64
	Service  string
	SlotAt   time.Time
	Place    int // the office session's index in the config
	Seat     int
	State    string
	Created  time.Time
}

const bookingCols = `id, member_id, service, slot_at, place, seat, state, created_at`

func scanBooking(sc scanner) (Booking, error) {
	var b Booking
	var at, created int64
	err := sc.Scan(&b.ID, &b.MemberID, &b.Service, &at, &b.Place, &b.Seat, &b.State, &created)
	b.SlotAt, b.Created = fromMS(at), fromMS(created)
	return b, err
}

// BookSlot books a seat of the slot at place for member: the first free
// seat of seats, ErrSlotFull when none is. The partial unique index on
// (slot_at, place, seat) holds a seat for one booking however many
// presses arrive at once.
func (t ServicesTx) BookSlot(member int64, service string, at time.Time, place, seats int, now time.Time) (int64, error) {
	for seat := 1; seat <= seats; seat++ {
		res, err := t.q.ExecContext(t.ctx, `INSERT INTO service_bookings (member_id, service, slot_at, place, seat, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, member, service, ms(at), place, seat, ms(now), ms(now))
		if err != nil {
			return 0, fmt.Errorf("storage: book slot: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return res.LastInsertId()
		}
	}
	return 0, ErrSlotFull
}

// SlotTaken counts the live bookings of each slot of place from..to, by
// the slot's time in ms.
func (t ServicesTx) SlotTaken(place int, from, to time.Time) (map[int64]int, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT slot_at, count(*) FROM service_bookings
		WHERE place = ? AND slot_at >= ? AND slot_at < ? AND state <> 'cancelled' GROUP BY slot_at`, place, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: slots taken: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var at int64
		var n int
		if err := rows.Scan(&at, &n); err != nil {
			return nil, fmt.Errorf("storage: slots taken: %w", err)
		}
		out[at] = n
	}
	return out, rows.Err()
}

// Booking returns booking id.
func (t ServicesTx) Booking(id int64) (Booking, error) {
	b, err := scanBooking(t.q.QueryRowContext(t.ctx, `SELECT `+bookingCols+` FROM service_bookings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, ErrNotFound
	}
	if err != nil {
		return b, fmt.Errorf("storage: booking %d: %w", id, err)
	}
	return b, nil
}

// BookingsOf lists member's bookings still to come (from now), soonest first.
func (t ServicesTx) BookingsOf(member int64, now time.Time) ([]Booking, error) {
	return queryAll(t, "bookings of member", scanBooking, `SELECT `+bookingCols+` FROM service_bookings
		WHERE member_id = ? AND state = 'booked' AND slot_at >= ? ORDER BY slot_at, id`, member, ms(now.Add(-2*time.Hour)))
}

// BookingsBetween lists the live bookings from..to, by time and place.
func (t ServicesTx) BookingsBetween(from, to time.Time) ([]Booking, error) {
	return queryAll(t, "bookings between", scanBooking, `SELECT `+bookingCols+` FROM service_bookings
		WHERE slot_at >= ? AND slot_at < ? AND state <> 'cancelled' ORDER BY slot_at, place, seat`, ms(from), ms(to))
}

// SetBookingState moves booking id to state (cancelled, kept, missed) from
// booked; ErrNotFound when it is no longer booked.
func (t ServicesTx) SetBookingState(id int64, state string, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE service_bookings SET state = ?, updated_at = ? WHERE id = ? AND state = 'booked'`, state, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: booking %d to %s: %w", id, state, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// BookingCounts counts the bookings whose slot is from..to by state.
func (t ServicesTx) BookingCounts(from, to time.Time) (map[string]int, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT state, count(*) FROM service_bookings WHERE slot_at >= ? AND slot_at < ? GROUP BY state`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("storage: booking counts: %w", err)
	}
	return countRows(rows)
}

// countRows reads (key, count) rows into a map.
func countRows(rows *sql.Rows) (map[string]int, error) {
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("storage: counts: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}
