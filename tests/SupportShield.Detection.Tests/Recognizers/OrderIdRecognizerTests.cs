using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class OrderIdRecognizerTests
{
    private static List<string> Found(string text) =>
        new OrderIdRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).Distinct().ToList();

    [TestCase("order #3482910", "3482910")]
    [TestCase("order number BX-20-4471 hasn't arrived", "BX-20-4471")]
    [TestCase("Order ID: 3348917502", "3348917502")]
    [TestCase("Yes my order id is 4870952797", "4870952797")]
    [TestCase("order is 1359201615", "1359201615")]
    [TestCase("confirmation number K7Q2P9", "K7Q2P9")]
    public void Recognize_OrderWithCue_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("I placed an order 2 weeks ago")]
    [TestCase("my order 2023 was late")]
    [TestCase("I don't have the order ID")]
    [TestCase("3482910")]
    [TestCase("order status please")]
    public void Recognize_NoIdAfterCue_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
