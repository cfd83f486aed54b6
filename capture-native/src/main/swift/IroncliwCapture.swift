// Ironcliw's ScreenCaptureKit shim: one SCStream per display, kept open; the latest frame is
// copied on request straight into the caller's buffer (a frame-ring slot). C ABI in
// src/main/native/macos/ironcliw_capture.h (imported with -import-objc-header).
//
// Built by the Maven build only on macOS (profile "macos" in capture-native/pom.xml). It has not
// been compiled or run on any machine this project's CI uses; see the README.

import AppKit
import CoreGraphics
import CoreMedia
import CoreVideo
import Foundation
import ScreenCaptureKit

@available(macOS 12.3, *)
final class CaptureStream: NSObject, SCStreamOutput, SCStreamDelegate {
  private let lock = NSLock()
  private let queue = DispatchQueue(label: "ironcliw.capture.frames")
  private let displayID: CGDirectDisplayID
  /// The frames' size: the display's pixels, or its points (ScreenCaptureKit scales to it).
  private let frameWidth: Int
  private let frameHeight: Int
  private let excludedApps: [String]
  private let excludedTitles: [NSRegularExpression]
  private var stream: SCStream?
  private var refreshTimer: DispatchSourceTimer?
  private var latest: CVPixelBuffer?
  private var dirty: [CGRect] = []
  private var dirtyKnown = false
  private var idle = false
  private var sequence: Int64 = 0
  private var copiedSequence: Int64 = 0
  private var displayTime: UInt64 = 0
  private var stopError: Int32 = 0

  init(
    displayID: CGDirectDisplayID, frameWidth: Int, frameHeight: Int, excludedApps: [String],
    excludedTitles: [NSRegularExpression]
  ) {
    self.displayID = displayID
    self.frameWidth = frameWidth
    self.frameHeight = frameHeight
    self.excludedApps = excludedApps.map { $0.lowercased() }
    self.excludedTitles = excludedTitles
  }

  /// Opens the stream; blocks until ScreenCaptureKit answers. Returns 0 or an NSError code.
  func start(fps: Double) -> Int32 {
    guard let (display, filter) = currentFilter() else { return -1 }
    let configuration = streamConfiguration(
      fps: fps, pointWidth: display.width, pointHeight: display.height)
    let stream = SCStream(filter: filter, configuration: configuration, delegate: self)
    do {
      try stream.addStreamOutput(self, type: .screen, sampleHandlerQueue: queue)
    } catch {
      return Int32((error as NSError).code)
    }
    var result: Int32 = 0
    let done = DispatchSemaphore(value: 0)
    stream.startCapture { error in
      if let error = error { result = Int32((error as NSError).code) }
      done.signal()
    }
    done.wait()
    if result == 0 {
      self.stream = stream
      startFilterRefresh()
    }
    return result
  }

  static func interval(_ fps: Double) -> CMTime {
    CMTime(seconds: 1.0 / max(fps, 0.1), preferredTimescale: 6000)
  }

  func setFps(_ fps: Double) {
    guard let stream = stream else { return }
    let configuration = streamConfiguration(fps: fps, pointWidth: 0, pointHeight: 0)
    stream.updateConfiguration(configuration) { _ in }
  }

  /// BGRA frames of the size asked for at open; with none asked for (0), the display mode's pixels,
  /// or the given points where the mode is unknown.
  private func streamConfiguration(fps: Double, pointWidth: Int, pointHeight: Int)
    -> SCStreamConfiguration
  {
    let configuration = SCStreamConfiguration()
    let mode = CGDisplayCopyDisplayMode(displayID)
    configuration.width = frameWidth > 0 ? frameWidth : mode?.pixelWidth ?? pointWidth
    configuration.height = frameHeight > 0 ? frameHeight : mode?.pixelHeight ?? pointHeight
    configuration.pixelFormat = kCVPixelFormatType_32BGRA
    configuration.minimumFrameInterval = CaptureStream.interval(fps)
    configuration.queueDepth = 3
    configuration.showsCursor = true
    return configuration
  }

  /// The display and a filter that leaves out excluded apps' and titles' windows.
  private func currentFilter() -> (SCDisplay, SCContentFilter)? {
    var content: SCShareableContent?
    let done = DispatchSemaphore(value: 0)
    SCShareableContent.getWithCompletionHandler { shareable, _ in
      content = shareable
      done.signal()
    }
    done.wait()
    guard let content = content,
      let display = content.displays.first(where: { $0.displayID == displayID })
    else { return nil }
    let excluded = content.windows.filter { isExcluded($0) }
    return (display, SCContentFilter(display: display, excludingWindows: excluded))
  }

  private func isExcluded(_ window: SCWindow) -> Bool {
    if let app = window.owningApplication {
      if excludedApps.contains(app.bundleIdentifier.lowercased())
        || excludedApps.contains(app.applicationName.lowercased())
      {
        return true
      }
    }
    guard let title = window.title else { return false }
    let range = NSRange(title.startIndex..., in: title)
    return excludedTitles.contains { $0.firstMatch(in: title, options: [], range: range) != nil }
  }

  /// Windows open and close: re-apply the filter every 2 s so new matches are excluded too.
  private func startFilterRefresh() {
    guard !excludedApps.isEmpty || !excludedTitles.isEmpty else { return }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
    timer.schedule(deadline: .now() + 2, repeating: 2)
    timer.setEventHandler { [weak self] in
      guard let self = self, let stream = self.stream, let (_, filter) = self.currentFilter() else {
        return
      }
      stream.updateContentFilter(filter) { _ in }
    }
    timer.resume()
    refreshTimer = timer
  }

  func stream(
    _ stream: SCStream, didOutputSampleBuffer sampleBuffer: CMSampleBuffer, of type: SCStreamOutputType
  ) {
    guard type == .screen,
      let attachments = CMSampleBufferGetSampleAttachmentsArray(
        sampleBuffer, createIfNecessary: false) as? [[SCStreamFrameInfo: Any]],
      let info = attachments.first,
      let rawStatus = info[.status] as? Int,
      let status = SCFrameStatus(rawValue: rawStatus)
    else { return }
    lock.lock()
    defer { lock.unlock() }
    switch status {
    case .complete:
      guard let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
      let rects = CaptureStream.dirtyRects(info[.dirtyRects])
      // Dirty rectangles accumulate until a frame is copied, so none is lost between copies.
      if let rects = rects, dirtyKnown || sequence == copiedSequence {
        dirty = sequence == copiedSequence ? rects : dirty + rects
        dirtyKnown = true
      } else {
        dirty = []
        dirtyKnown = false
      }
      latest = pixels
      idle = false
      sequence += 1
      displayTime = info[.displayTime] as? UInt64 ?? 0
    case .idle:
      idle = true
    default:
      break
    }
  }

  private static func dirtyRects(_ value: Any?) -> [CGRect]? {
    if let values = value as? [NSValue] { return values.map { $0.rectValue } }
    if let dictionaries = value as? [NSDictionary] {
      return dictionaries.compactMap { CGRect(dictionaryRepresentation: $0 as CFDictionary) }
    }
    return nil
  }

  func stream(_ stream: SCStream, didStopWithError error: Error) {
    lock.lock()
    stopError = Int32((error as NSError).code)
    lock.unlock()
  }

  func poll(info: UnsafeMutablePointer<ironcliw_frame_info>) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    info.pointee.error = stopError
    if stopError != 0 { return IRONCLIW_FRAME_STOPPED }
    guard let pixels = latest, sequence > copiedSequence else {
      return idle ? IRONCLIW_FRAME_IDLE : IRONCLIW_FRAME_NONE
    }
    info.pointee.width = Int32(CVPixelBufferGetWidth(pixels))
    info.pointee.height = Int32(CVPixelBufferGetHeight(pixels))
    info.pointee.sequence = sequence
    return IRONCLIW_FRAME_NEW
  }

  func copyLatest(
    into destination: UnsafeMutableRawPointer, stride: Int, maxWidth: Int, maxHeight: Int,
    info: UnsafeMutablePointer<ironcliw_frame_info>
  ) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    info.pointee.error = stopError
    if stopError != 0 { return IRONCLIW_FRAME_STOPPED }
    guard let pixels = latest, sequence > copiedSequence else {
      return idle ? IRONCLIW_FRAME_IDLE : IRONCLIW_FRAME_NONE
    }
    let width = CVPixelBufferGetWidth(pixels)
    let height = CVPixelBufferGetHeight(pixels)
    info.pointee.width = Int32(width)
    info.pointee.height = Int32(height)
    if width > maxWidth || height > maxHeight || width * 4 > stride { return IRONCLIW_FRAME_TOO_LARGE }
    CVPixelBufferLockBaseAddress(pixels, .readOnly)
    defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
    guard let base = CVPixelBufferGetBaseAddress(pixels) else { return IRONCLIW_FRAME_NONE }
    let bytesPerRow = CVPixelBufferGetBytesPerRow(pixels)
    for row in 0..<height {
      memcpy(destination + row * stride, base + row * bytesPerRow, width * 4)
    }
    info.pointee.sequence = sequence
    info.pointee.display_time = Int64(bitPattern: displayTime)
    fillDirty(info)
    copiedSequence = sequence
    dirty = []
    return IRONCLIW_FRAME_NEW
  }

  private func fillDirty(_ info: UnsafeMutablePointer<ironcliw_frame_info>) {
    guard dirtyKnown else {
      info.pointee.dirty_count = -1
      return
    }
    var rects = dirty
    if rects.count > Int(IRONCLIW_MAX_DIRTY_RECTS) {
      rects = [rects.reduce(rects[0]) { $0.union($1) }]
    }
    info.pointee.dirty_count = Int32(rects.count)
    withUnsafeMutableBytes(of: &info.pointee.dirty) { raw in
      let out = raw.bindMemory(to: ironcliw_rect.self)
      for (i, r) in rects.enumerated() {
        out[i] = ironcliw_rect(
          x: Int32(r.origin.x), y: Int32(r.origin.y), width: Int32(r.width.rounded(.up)),
          height: Int32(r.height.rounded(.up)))
      }
    }
  }

  func stop() {
    refreshTimer?.cancel()
    let done = DispatchSemaphore(value: 0)
    if let stream = stream {
      stream.stopCapture { _ in done.signal() }
      done.wait()
    }
    stream = nil
  }
}

private func strings(_ list: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int32) -> [String] {
  guard let list = list else { return [] }
  return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
}

@_cdecl("ironcliw_sck_available")
public func ironcliw_sck_available() -> Int32 {
  if #available(macOS 12.3, *) { return 1 }
  return 0
}

@_cdecl("ironcliw_sck_open")
public func ironcliw_sck_open(
  _ displayID: UInt32, _ width: Int32, _ height: Int32, _ fps: Double,
  _ apps: UnsafePointer<UnsafePointer<CChar>?>?,
  _ appCount: Int32, _ titles: UnsafePointer<UnsafePointer<CChar>?>?, _ titleCount: Int32,
  _ error: UnsafeMutablePointer<Int32>?
) -> UnsafeMutableRawPointer? {
  guard #available(macOS 12.3, *) else {
    error?.pointee = -1
    return nil
  }
  let patterns = strings(titles, titleCount).compactMap { try? NSRegularExpression(pattern: $0) }
  let capture = CaptureStream(
    displayID: displayID, frameWidth: Int(width), frameHeight: Int(height),
    excludedApps: strings(apps, appCount), excludedTitles: patterns)
  let result = capture.start(fps: fps)
  if result != 0 {
    error?.pointee = result
    return nil
  }
  return Unmanaged.passRetained(capture).toOpaque()
}

@_cdecl("ironcliw_sck_copy_latest")
public func ironcliw_sck_copy_latest(
  _ handle: UnsafeMutableRawPointer, _ destination: UnsafeMutableRawPointer, _ stride: Int32,
  _ maxWidth: Int32, _ maxHeight: Int32, _ info: UnsafeMutablePointer<ironcliw_frame_info>
) -> Int32 {
  guard #available(macOS 12.3, *) else { return IRONCLIW_FRAME_STOPPED }
  let capture = Unmanaged<CaptureStream>.fromOpaque(handle).takeUnretainedValue()
  return capture.copyLatest(
    into: destination, stride: Int(stride), maxWidth: Int(maxWidth), maxHeight: Int(maxHeight),
    info: info)
}

@_cdecl("ironcliw_sck_poll")
public func ironcliw_sck_poll(
  _ handle: UnsafeMutableRawPointer, _ info: UnsafeMutablePointer<ironcliw_frame_info>
) -> Int32 {
  guard #available(macOS 12.3, *) else { return IRONCLIW_FRAME_STOPPED }
  return Unmanaged<CaptureStream>.fromOpaque(handle).takeUnretainedValue().poll(info: info)
}

@_cdecl("ironcliw_sck_set_fps")
public func ironcliw_sck_set_fps(_ handle: UnsafeMutableRawPointer, _ fps: Double) {
  guard #available(macOS 12.3, *) else { return }
  Unmanaged<CaptureStream>.fromOpaque(handle).takeUnretainedValue().setFps(fps)
}

@_cdecl("ironcliw_sck_close")
public func ironcliw_sck_close(_ handle: UnsafeMutableRawPointer) {
  guard #available(macOS 12.3, *) else { return }
  let capture = Unmanaged<CaptureStream>.fromOpaque(handle).takeRetainedValue()
  capture.stop()
}

@_cdecl("ironcliw_session_locked")
public func ironcliw_session_locked() -> Int32 {
  guard let session = CGSessionCopyCurrentDictionary() as? [String: Any] else { return 0 }
  return (session["CGSSessionScreenIsLocked"] as? Bool ?? false) ? 1 : 0
}

/// Writes `text` NUL-terminated into `buffer`, cut to `capacity` bytes between characters.
private func copyCString(_ text: String, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int32) {
  guard let buffer = buffer, capacity > 0 else { return }
  var bytes = Array(text.utf8)
  if bytes.count > Int(capacity) - 1 {
    var end = Int(capacity) - 1
    while end > 0 && (bytes[end] & 0xC0) == 0x80 { end -= 1 }  // not inside a character
    bytes = Array(bytes[0..<end])
  }
  for (i, byte) in bytes.enumerated() { buffer[i] = CChar(bitPattern: byte) }
  buffer[bytes.count] = 0
}

@_cdecl("ironcliw_front_window")
public func ironcliw_front_window(
  _ app: UnsafeMutablePointer<CChar>?, _ appCapacity: Int32,
  _ bundleID: UnsafeMutablePointer<CChar>?, _ bundleCapacity: Int32,
  _ title: UnsafeMutablePointer<CChar>?, _ titleCapacity: Int32,
  _ displayID: UnsafeMutablePointer<UInt32>?
) -> Int32 {
  guard let front = NSWorkspace.shared.frontmostApplication else { return 0 }
  copyCString(front.localizedName ?? "", app, appCapacity)
  copyCString(front.bundleIdentifier ?? "", bundleID, bundleCapacity)
  var windowTitle = ""
  var display: CGDirectDisplayID = 0
  let options: CGWindowListOption = [.optionOnScreenOnly, .excludeDesktopElements]
  if let windows = CGWindowListCopyWindowInfo(options, kCGNullWindowID) as? [[String: Any]] {
    // Front to back: the first normal-layer window of the application is its frontmost.
    for info in windows
    where (info[kCGWindowOwnerPID as String] as? pid_t) == front.processIdentifier
      && (info[kCGWindowLayer as String] as? Int) == 0
    {
      windowTitle = info[kCGWindowName as String] as? String ?? ""
      if let bounds = info[kCGWindowBounds as String] as? NSDictionary,
        let rect = CGRect(dictionaryRepresentation: bounds)
      {
        var count: UInt32 = 0
        _ = CGGetDisplaysWithPoint(CGPoint(x: rect.midX, y: rect.midY), 1, &display, &count)
        if count == 0 { display = 0 }
      }
      break
    }
  }
  copyCString(windowTitle, title, titleCapacity)
  displayID?.pointee = display
  return 1
}

/// Writes `text` NUL-terminated into `out` if all of it fits in `capacity` bytes (the answers the
/// caller reads line by line, which it asks for again with more room when they do not fit).
func copyWhole(_ text: String, _ out: UnsafeMutablePointer<CChar>, _ capacity: Int32) -> Bool {
  let bytes = Array(text.utf8)
  if bytes.count + 1 > Int(capacity) { return false }
  for (i, byte) in bytes.enumerated() { out[i] = CChar(bitPattern: byte) }
  out[bytes.count] = 0
  return true
}

/// Text for one field of a line of an answer: no tabs or line breaks.
func oneField(_ text: String) -> String {
  return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
}

@_cdecl("ironcliw_windows_on")
public func ironcliw_windows_on(
  _ displayID: UInt32, _ out: UnsafeMutablePointer<CChar>?, _ outCapacity: Int32
) -> Int32 {
  guard let out = out, outCapacity > 0 else { return IRONCLIW_WINDOWS_NO_ROOM }
  let bounds = CGDisplayBounds(displayID)  // global points
  guard bounds.width > 0, let mode = CGDisplayCopyDisplayMode(displayID) else {
    out[0] = 0
    return 0
  }
  let scale = CGFloat(mode.pixelWidth) / bounds.width  // 2 on Retina
  let options: CGWindowListOption = [.optionOnScreenOnly, .excludeDesktopElements]
  let windows = CGWindowListCopyWindowInfo(options, kCGNullWindowID) as? [[String: Any]] ?? []
  var written = ""
  var count: Int32 = 0
  for info in windows where (info[kCGWindowLayer as String] as? Int) == 0 {
    guard let dictionary = info[kCGWindowBounds as String] as? NSDictionary,
      let rect = CGRect(dictionaryRepresentation: dictionary)
    else { continue }
    let on = rect.intersection(bounds)
    if on.isNull || on.isEmpty { continue }
    let x = Int(((on.minX - bounds.minX) * scale).rounded())
    let y = Int(((on.minY - bounds.minY) * scale).rounded())
    let w = max(1, Int((on.width * scale).rounded()))
    let h = max(1, Int((on.height * scale).rounded()))
    let pid = info[kCGWindowOwnerPID as String] as? pid_t ?? 0
    let app = info[kCGWindowOwnerName as String] as? String ?? ""
    let bundle = NSRunningApplication(processIdentifier: pid)?.bundleIdentifier ?? ""
    let title = info[kCGWindowName as String] as? String ?? ""
    written += "\(x) \(y) \(w) \(h)\t\(oneField(app))\t\(oneField(bundle))\t\(oneField(title))\n"
    count += 1
  }
  return copyWhole(written, out, outCapacity) ? count : IRONCLIW_WINDOWS_NO_ROOM
}
