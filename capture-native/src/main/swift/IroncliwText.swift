// Ironcliw's text recognition on macOS: Vision's VNRecognizeTextRequest over a grey image the
// daemon prepared (the settled area of a frame). C ABI in src/main/native/macos/ironcliw_capture.h.
//
// Built with IroncliwCapture.swift by the Maven build only on macOS. It has not been compiled or
// run on any machine this project's CI uses; see the README.

import CoreGraphics
import Foundation
import Vision

/// The image as a CGImage over a copy of its rows (Vision may read it after the call returns).
private func greyImage(
  _ grey: UnsafePointer<UInt8>, _ width: Int, _ height: Int, _ stride: Int
) -> CGImage? {
  let data = Data(bytes: grey, count: stride * height)
  guard let provider = CGDataProvider(data: data as CFData) else { return nil }
  return CGImage(
    width: width, height: height, bitsPerComponent: 8, bitsPerPixel: 8, bytesPerRow: stride,
    space: CGColorSpaceCreateDeviceGray(),
    bitmapInfo: CGBitmapInfo(rawValue: CGImageAlphaInfo.none.rawValue), provider: provider,
    decode: nil, shouldInterpolate: false, intent: .defaultIntent)
}

/// The lines Vision reads at `level`, or nil when the request fails.
private func recognize(
  _ image: CGImage, _ level: VNRequestTextRecognitionLevel, _ languages: [String]
) -> [VNRecognizedTextObservation]? {
  let request = VNRecognizeTextRequest()
  request.recognitionLevel = level
  request.usesLanguageCorrection = level == .accurate
  // Only the languages this level reads (fast reads fewer): an unsupported one fails the request.
  var usable = languages
  if #available(macOS 12.0, *) {
    let supported = (try? request.supportedRecognitionLanguages()) ?? []
    usable = languages.filter { supported.contains($0) }
  }
  if !usable.isEmpty { request.recognitionLanguages = usable }
  let handler = VNImageRequestHandler(cgImage: image, options: [:])
  do {
    try handler.perform([request])
  } catch {
    return nil
  }
  return request.results ?? []
}

/// The ranges of the runs of non-space characters of `text`: its words.
private func wordRanges(_ text: String) -> [Range<String.Index>] {
  var ranges: [Range<String.Index>] = []
  var start: String.Index? = nil
  var index = text.startIndex
  while index < text.endIndex {
    if text[index].isWhitespace {
      if let s = start { ranges.append(s..<index) }
      start = nil
    } else if start == nil {
      start = index
    }
    index = text.index(after: index)
  }
  if let s = start { ranges.append(s..<text.endIndex) }
  return ranges
}

@_cdecl("ironcliw_recognize_text")
public func ironcliw_recognize_text(
  _ grey: UnsafePointer<UInt8>?, _ width: Int32, _ height: Int32, _ stride: Int32,
  _ languages: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<CChar>?, _ outCapacity: Int32
) -> Int32 {
  guard let grey = grey, let out = out, width > 0, height > 0, stride >= width, outCapacity > 0,
    let image = greyImage(grey, Int(width), Int(height), Int(stride))
  else { return IRONCLIW_TEXT_FAILED }
  let tags =
    languages.map { String(cString: $0) }?.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty } ?? []
  guard let lines = recognize(image, .accurate, tags) ?? recognize(image, .fast, tags) else {
    return IRONCLIW_TEXT_FAILED
  }
  var written = ""
  var words: Int32 = 0
  for (line, observation) in lines.enumerated() {
    guard let candidate = observation.topCandidates(1).first else { continue }
    let confidence = Int((candidate.confidence * 100).rounded())
    for range in wordRanges(candidate.string) {
      guard let box = try? candidate.boundingBox(for: range)?.boundingBox else { continue }
      // Normalized, origin at the bottom left: to pixels from the top left.
      let rect = VNImageRectForNormalizedRect(box, Int(width), Int(height))
      let x = Int(rect.minX.rounded())
      let y = Int(height) - Int(rect.maxY.rounded())
      let w = max(1, Int(rect.width.rounded()))
      let h = max(1, Int(rect.height.rounded()))
      written += "\(line) \(x) \(y) \(w) \(h) \(confidence) \(candidate.string[range])\n"
      words += 1
    }
  }
  return copyWhole(written, out, outCapacity) ? words : IRONCLIW_TEXT_NO_ROOM
}
