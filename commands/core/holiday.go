package core

// HolidayName is a holiday's name in lang (holiday.Keys names them).
func (a *Core) HolidayName(lang, key string) string { return a.Cat.T(lang, "holiday."+key) }
