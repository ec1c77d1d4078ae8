package core

import (
	"strings"
	"unicode"

	"courtyard/telegram"
)

// Answer is what a person means by a short reply or a generic button:
// yes, no, confirm, change, back or cancel. Its catalog key is
// "answer."+string(a), the same words on every button of every flow.
type Answer string

const (
	AnswerYes     Answer = "yes"
	AnswerNo      Answer = "no"
	AnswerConfirm Answer = "confirm" // the label of yes on a last step; ReadAnswer reads it as AnswerYes
	AnswerChange  Answer = "change"
	AnswerBack    Answer = "back"
	AnswerCancel  Answer = "cancel"
)

// Key is the answer's catalog key.
func (a Answer) Key() string { return "answer." + string(a) }

// AnswerButton is a button labelled with a's words in the person's
// language, sending data.
func (r *Req) AnswerButton(a Answer, data string) telegram.Button {
	return telegram.Button{Text: r.T(a.Key()), CallbackData: data}
}

// AnswerRow is a row of answer buttons whose data is prefix followed by
// the answer ("tk:ok:12:" gives "tk:ok:12:yes", "tk:ok:12:no").
func (r *Req) AnswerRow(prefix string, as ...Answer) []telegram.Button {
	row := make([]telegram.Button, 0, len(as))
	for _, a := range as {
		row = append(row, r.AnswerButton(a, prefix+string(a)))
	}
	return row
}

// answerWords are the typed words of each answer, in their folded form.
// Both languages are understood whatever the person's language: a Chinese
// reader types "ok" as often as 好.
var answerWords = func() map[string]Answer {
	m := map[string]Answer{}
	for a, words := range map[Answer][]string{
		AnswerYes: {"是", "是的", "好", "好的", "对", "对的", "确定", "确认", "可以", "行", "嗯", "没错", "没问题", "同意",
			"yes", "y", "ok", "okay", "sure", "confirm", "yep", "yeah"},
		AnswerNo:     {"否", "不", "不是", "不要", "不对", "不行", "no", "n", "nope"},
		AnswerCancel: {"取消", "算了", "退出", "不办了", "cancel", "stop", "quit"},
		AnswerBack:   {"返回", "上一步", "回去", "back"},
		AnswerChange: {"修改", "改", "改一下", "更改", "重填", "change", "edit"},
	} {
		for _, w := range words {
			m[w] = a
		}
	}
	return m
}()

// ReadAnswer reads a typed reply as one of the answers: 是/好/好的/对/确定/可以/行/嗯/
// yes/y/ok/sure/confirm are AnswerYes; 否/不/不是/不要/no/n are AnswerNo;
// 取消/算了/cancel AnswerCancel; 返回/back AnswerBack; 修改/改/change/edit
// AnswerChange. Case, full-width letters, white space, punctuation around
// the words, a doubled word (好好, 对对对) and a trailing particle (好啊,
// 行吧) do not matter. ok is false for anything else: only the whole reply
// is read, so "不是这个意思，我要改地址" is no answer.
func ReadAnswer(text string) (Answer, bool) {
	w := Fold(text)
	for {
		if a, ok := answerWords[w]; ok {
			return a, true
		}
		rs := []rune(w)
		switch {
		case len(rs) > 1 && allSame(rs):
			w = string(rs[:1])
		case len(rs) > 1 && strings.ContainsRune("啊呀吧啦哈呢嘛哦的", rs[len(rs)-1]):
			w = string(rs[:len(rs)-1])
		default:
			return "", false
		}
	}
}

func allSame(rs []rune) bool {
	for _, r := range rs[1:] {
		if r != rs[0] {
			return false
		}
	}
	return true
}

// Fold is the form typed words are compared in: full-width letters and
// digits made plain, lower case, inner white space folded to one space,
// and white space, punctuation and symbols around the words dropped.
func Fold(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case r == 0x3000: // ideographic space
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
}
