/*
 * C ABI of the Ironcliw ScreenCaptureKit shim (IroncliwCapture.swift), called through JNA.
 * The byte layout of ironcliw_frame_info is mirrored by dev.ironcliw.capture.macos.FrameInfoLayout;
 * FrameInfoLayoutTest compiles this header and checks every offset.
 */
#ifndef IRONCLIW_CAPTURE_H
#define IRONCLIW_CAPTURE_H

#include <stdint.h>

#define IRONCLIW_MAX_DIRTY_RECTS 32

/* Results of ironcliw_sck_copy_latest. */
#define IRONCLIW_FRAME_NEW 0        /* a new frame was copied into the destination */
#define IRONCLIW_FRAME_IDLE 1       /* the stream reports nothing changed since the last frame */
#define IRONCLIW_FRAME_NONE 2       /* no new frame has arrived since the last copy */
#define IRONCLIW_FRAME_TOO_LARGE -1 /* the frame does not fit the destination */
#define IRONCLIW_FRAME_STOPPED -2   /* the stream stopped; info.error holds the NSError code */

typedef struct ironcliw_rect {
  int32_t x;
  int32_t y;
  int32_t width;
  int32_t height;
} ironcliw_rect;

typedef struct ironcliw_frame_info {
  int32_t width;            /* pixels of the frame: the display's, or its points (see open) */
  int32_t height;
  int64_t sequence;         /* frames the stream delivered so far */
  int64_t display_time;     /* mach absolute time the frame was displayed */
  int32_t dirty_count;      /* rectangles in dirty, -1 when the stream gave none */
  int32_t error;            /* NSError code when the stream stopped, else 0 */
  ironcliw_rect dirty[IRONCLIW_MAX_DIRTY_RECTS]; /* changed since the previous copied frame */
} ironcliw_frame_info;

/* 1 when ScreenCaptureKit can be used (macOS 12.3 and later), else 0. */
int32_t ironcliw_sck_available(void);

/*
 * Opens one SCStream on a display at fps frames per second (minimumFrameInterval), BGRA frames of
 * width x height (the display's pixels, or its point size, which ScreenCaptureKit scales to; 0 x 0:
 * the display mode's pixels), with
 * the windows of the named applications (bundle id or name) and the windows whose title matches
 * one of the regular expressions excluded through its SCContentFilter, refreshed every 2 s.
 * Returns NULL and sets *error on failure.
 */
void *ironcliw_sck_open(uint32_t display_id, int32_t width, int32_t height, double fps,
                        const char **exclude_apps,
                        int32_t exclude_app_count, const char **exclude_titles,
                        int32_t exclude_title_count, int32_t *error);

/*
 * Whether a frame newer than the last copied one is waiting (IRONCLIW_FRAME_NEW, with its width
 * and height in info), the stream is idle, none arrived, or the stream stopped. Copies nothing.
 */
int32_t ironcliw_sck_poll(void *stream, ironcliw_frame_info *info);

/*
 * Copies the latest frame, row by row honouring the source's bytesPerRow, into dst
 * (dst_stride bytes per row, at most max_width x max_height pixels) and fills info.
 */
int32_t ironcliw_sck_copy_latest(void *stream, void *dst, int32_t dst_stride, int32_t max_width,
                                 int32_t max_height, ironcliw_frame_info *info);

/* Changes the frame rate of an open stream. */
void ironcliw_sck_set_fps(void *stream, double fps);

/* Stops and releases the stream. */
void ironcliw_sck_close(void *stream);

/* 1 while the login session is locked (CGSSessionScreenIsLocked), else 0. */
int32_t ironcliw_session_locked(void);

/* The frontmost application (name, bundle id) and its frontmost on-screen window (title, the
 * display holding its centre), each string written NUL-terminated and cut to its capacity in
 * bytes. A title is empty without the Screen Recording permission. 1 when there is a frontmost
 * application, else 0. */
int32_t ironcliw_front_window(char *app, int32_t app_capacity, char *bundle_id,
                              int32_t bundle_capacity, char *title, int32_t title_capacity,
                              uint32_t *display_id);

/* Result of ironcliw_windows_on below zero: out is too small for the windows: call again with more. */
#define IRONCLIW_WINDOWS_NO_ROOM -2

/*
 * The on-screen windows of the normal layer that lie on display display_id, front to back, from
 * CGWindowListCopyWindowInfo. Writes one line per window into out, NUL-terminated:
 *   "x y width height\tapp\tbundle id\ttitle\n"
 * the rectangle the part of the window on that display, in the display's pixels from its top left
 * corner; tabs and line breaks in the names written as spaces. A title is empty without the Screen
 * Recording permission. Returns the windows written, or IRONCLIW_WINDOWS_NO_ROOM.
 */
int32_t ironcliw_windows_on(uint32_t display_id, char *out, int32_t out_capacity);

/* 1 when this process may use the accessibility interface (AXIsProcessTrusted), else 0. */
int32_t ironcliw_ax_trusted(void);

/* Results of ironcliw_focused_text below zero. */
#define IRONCLIW_AX_NOT_TRUSTED -1 /* no Accessibility permission */
#define IRONCLIW_AX_NO_ROOM -2     /* out is too small for the lines: call again with more */
#define IRONCLIW_AX_NONE -3        /* no focused window, the area is not inside it, or no text */

/*
 * The text of the frontmost application's focused window inside an area of display display_id
 * (x, y, width, height in the display's pixels), from its accessibility elements: the value of
 * each static text (AXStaticText) and, of each text area and field, the lines in its visible
 * character range with their bounds (AXBoundsForRange); secure text fields are never read. The
 * elements are walked from the window down, leaving out those whose frame misses the area, at
 * most max_elements of them. Writes one line per text line that reaches into the area,
 * NUL-terminated:
 *   "element x y width height\ttext\n"
 * element numbering the elements that gave text from 0, the box in the display's pixels, tabs and
 * line breaks in the text written as spaces. Returns the lines written, or one of IRONCLIW_AX_.
 */
int32_t ironcliw_focused_text(uint32_t display_id, int32_t x, int32_t y, int32_t width,
                              int32_t height, int32_t max_elements, char *out,
                              int32_t out_capacity);

/* Results of ironcliw_recognize_text below zero. */
#define IRONCLIW_TEXT_FAILED -1  /* Vision could not read the image */
#define IRONCLIW_TEXT_NO_ROOM -2 /* out is too small for what was read: call again with more */

/*
 * Reads the text of an 8-bit grey image (width x height pixels, rows stride bytes apart, dark
 * text on a light ground) with Vision's VNRecognizeTextRequest: .accurate, or .fast when
 * accurate fails. languages: BCP-47 tags separated by commas ("en-US,de-DE"), empty for Vision's
 * default. Writes one line per word into out, NUL-terminated:
 *   "line x y width height confidence word\n"
 * line numbering the recognized lines from 0 in Vision's order, the box in the image's pixels
 * from its top left corner, confidence 0 to 100 (the line's). Returns the words written, or
 * IRONCLIW_TEXT_FAILED or IRONCLIW_TEXT_NO_ROOM.
 */
int32_t ironcliw_recognize_text(const uint8_t *grey, int32_t width, int32_t height,
                                int32_t stride, const char *languages, char *out,
                                int32_t out_capacity);

#endif
