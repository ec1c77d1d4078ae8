// Package telegram holds the Bot API requests courtyard makes, with only the
// fields it means to send. (go-telegram/bot's own parameter types serialise
// fields such as an empty copy_text that Telegram rejects.)
package telegram

import "encoding/json"

// Limits Telegram puts on what a bot sends.
const (
	MaxText         = 4096 // characters of a message after entity parsing
	MaxCaption      = 1024 // characters of a caption
	MaxCallbackData = 64   // bytes of callback data
)

// Button is an inline keyboard button: a callback or a link.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

// Keyboard is an inline keyboard.
type Keyboard struct {
	InlineKeyboard [][]Button `json:"inline_keyboard"`
}

// ForceReply asks the client to reply to the message.
type ForceReply struct {
	ForceReply            bool   `json:"force_reply"`
	InputFieldPlaceholder string `json:"input_field_placeholder,omitempty"`
	Selective             bool   `json:"selective,omitempty"`
}

// LinkPreviewOptions turns link previews off.
type LinkPreviewOptions struct {
	IsDisabled bool `json:"is_disabled,omitempty"`
}

// SendMessage is sendMessage's parameters.
type SendMessage struct {
	ChatID             int64               `json:"chat_id"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode,omitempty"`
	ReplyMarkup        any                 `json:"reply_markup,omitempty"`
	LinkPreviewOptions *LinkPreviewOptions `json:"link_preview_options,omitempty"`
}

// SendPhoto is sendPhoto's parameters, for a photo Telegram already has.
type SendPhoto struct {
	ChatID      int64  `json:"chat_id"`
	Photo       string `json:"photo"`
	Caption     string `json:"caption,omitempty"`
	ParseMode   string `json:"parse_mode,omitempty"`
	ReplyMarkup any    `json:"reply_markup,omitempty"`
}

// UploadPhoto is sendPhoto's parameters for a new picture, uploaded beside
// them as the "photo" file.
type UploadPhoto struct {
	ChatID    int64  `json:"chat_id"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
}

// InputMediaPhoto is one photo of an album, one Telegram already has.
type InputMediaPhoto struct {
	Type      string `json:"type"` // always "photo"
	Media     string `json:"media"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
}

// SendMediaGroup is sendMediaGroup's parameters: an album of 2-10 photos.
type SendMediaGroup struct {
	ChatID int64             `json:"chat_id"`
	Media  []InputMediaPhoto `json:"media"`
}

// MaxAlbum is how many photos one album may hold.
const MaxAlbum = 10

// SendVoice is sendVoice's parameters, for a voice note Telegram already has.
type SendVoice struct {
	ChatID    int64  `json:"chat_id"`
	Voice     string `json:"voice"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
}

// SendAudio is sendAudio's parameters, for an audio file Telegram already has.
type SendAudio struct {
	ChatID    int64  `json:"chat_id"`
	Audio     string `json:"audio"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
}

// SendLocation is sendLocation's parameters.
type SendLocation struct {
	ChatID      int64   `json:"chat_id"`
	Latitude    float64 `json:"latitude"`
	Longitude   float64 `json:"longitude"`
	ReplyMarkup any     `json:"reply_markup,omitempty"`
}

// SendDocument is sendDocument's parameters; the file is uploaded beside them.
type SendDocument struct {
	ChatID      int64  `json:"chat_id"`
	Caption     string `json:"caption,omitempty"`
	ParseMode   string `json:"parse_mode,omitempty"`
	ReplyMarkup any    `json:"reply_markup,omitempty"`
}

// EditMessageText is editMessageText's parameters.
type EditMessageText struct {
	ChatID             int64               `json:"chat_id"`
	MessageID          int                 `json:"message_id"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode,omitempty"`
	ReplyMarkup        any                 `json:"reply_markup,omitempty"`
	LinkPreviewOptions *LinkPreviewOptions `json:"link_preview_options,omitempty"`
}

// EditMessageCaption is editMessageCaption's parameters.
type EditMessageCaption struct {
	ChatID      int64  `json:"chat_id"`
	MessageID   int    `json:"message_id"`
	Caption     string `json:"caption"`
	ParseMode   string `json:"parse_mode,omitempty"`
	ReplyMarkup any    `json:"reply_markup,omitempty"`
}

// EditMessageReplyMarkup is editMessageReplyMarkup's parameters.
type EditMessageReplyMarkup struct {
	ChatID      int64 `json:"chat_id"`
	MessageID   int   `json:"message_id"`
	ReplyMarkup any   `json:"reply_markup,omitempty"`
}

// AnswerCallbackQuery is answerCallbackQuery's parameters.
type AnswerCallbackQuery struct {
	CallbackQueryID string `json:"callback_query_id"`
	Text            string `json:"text,omitempty"`
	ShowAlert       bool   `json:"show_alert,omitempty"`
	URL             string `json:"url,omitempty"` // a t.me link that opens the private chat
}

// PinChatMessage is pinChatMessage's parameters.
type PinChatMessage struct {
	ChatID              int64 `json:"chat_id"`
	MessageID           int   `json:"message_id"`
	DisableNotification bool  `json:"disable_notification,omitempty"`
}

// BotCommand is one entry of the command menu.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// BotCommandScope says whose menu a command list is.
type BotCommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
}

// SetMyCommands is setMyCommands's parameters.
type SetMyCommands struct {
	Commands     []BotCommand     `json:"commands"`
	Scope        *BotCommandScope `json:"scope,omitempty"`
	LanguageCode string           `json:"language_code,omitempty"`
}

// GetUpdates is getUpdates's parameters.
type GetUpdates struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit,omitempty"`
	Timeout        int      `json:"timeout,omitempty"`
	AllowedUpdates []string `json:"allowed_updates,omitempty"`
}

// Marshal encodes request parameters; they are plain data and cannot fail.
func Marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("telegram: marshal request: " + err.Error())
	}
	return b
}

// InputPollOption is one answer of a native poll.
type InputPollOption struct {
	Text string `json:"text"`
}

// SendPoll is sendPoll's parameters for a regular poll in a group.
type SendPoll struct {
	ChatID                 int64             `json:"chat_id"`
	Question               string            `json:"question"`
	Options                []InputPollOption `json:"options"`
	IsAnonymous            bool              `json:"is_anonymous"`
	AllowsMultipleAnswers  bool              `json:"allows_multiple_answers,omitempty"`
	HideResultsUntilCloses bool              `json:"hide_results_until_closes,omitempty"`
	CloseDate              int64             `json:"close_date,omitempty"`
}

// StopPoll is stopPoll's parameters.
type StopPoll struct {
	ChatID    int64 `json:"chat_id"`
	MessageID int   `json:"message_id"`
}
